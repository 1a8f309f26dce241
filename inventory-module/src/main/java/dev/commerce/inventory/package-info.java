/**
 * Inventory: stock per SKU and reservations against it, kept exact under any concurrency by a
 * pessimistic database row lock ({@code SELECT ... FOR UPDATE}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inventory")
package dev.commerce.inventory;
