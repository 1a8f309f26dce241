package dev.commerce.inventory;

/**
 * The price of one SKU.
 *
 * @param price    in the minor unit of {@code currency} (15000 KRW is ₩15,000), at least 0
 * @param currency three upper-case letters (ISO 4217 shape)
 */
public record PriceView(String sku, long price, String currency) {
}
