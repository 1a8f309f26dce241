package dev.commerce.inventory;

/** The stock of one SKU; {@code available = onHand - reserved}, never negative. */
public record StockView(String sku, long onHand, long reserved, long available) {
}
