/** The order expiry sweep. */
package dev.commerce.order.adapter.in.scheduling;
