/** Bridges to the inventory module's API: prices and reservations. */
package dev.commerce.order.adapter.out.inventory;
