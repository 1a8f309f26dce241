package dev.commerce.inventory;

/** One reserved SKU and its quantity. */
public record ReservationLineView(String sku, int quantity) {
}
