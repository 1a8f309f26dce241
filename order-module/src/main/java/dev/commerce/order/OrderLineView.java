package dev.commerce.order;

/** One line of an order as clients see it; {@code unitPrice} in the order currency's minor unit. */
public record OrderLineView(String sku, int quantity, long unitPrice) {
}
