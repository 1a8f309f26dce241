/**
 * The inventory module's gauges that are measured rather than counted: {@code inventory.reservations.overdue},
 * the reservations the expiry sweep should have released by now.
 */
package dev.commerce.inventory.adapter.out.metrics;
