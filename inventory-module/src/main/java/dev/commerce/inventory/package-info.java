/**
 * Inventory: stock and price per SKU, and reservations against the stock, kept exact under any
 * concurrency by a pessimistic database row lock ({@code SELECT ... FOR UPDATE}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inventory")
package dev.commerce.inventory;
