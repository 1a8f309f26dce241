package dev.commerce.inventory;

import java.util.regex.Pattern;

/**
 * Sets the price of a SKU, creating the SKU (with no stock) if it does not exist yet.
 *
 * @param sku      1 to 100 characters, not blank
 * @param price    0 to {@link #MAX_PRICE}, in the currency's minor unit; the cap only rejects absurd values
 * @param currency three upper-case letters (ISO 4217 shape)
 */
public record SetPriceCommand(String sku, long price, String currency) {

    public static final long MAX_PRICE = 1_000_000_000_000L;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public SetPriceCommand {
        InventoryInput.requireId(sku, "sku");
        InventoryInput.requireBetween(price, 0, MAX_PRICE, "price");
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw InventoryException.invalidRequest("currency must be three upper-case letters");
        }
    }
}
