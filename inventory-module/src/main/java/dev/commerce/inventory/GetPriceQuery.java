package dev.commerce.inventory;

/** Reads the price of one SKU. */
public interface GetPriceQuery {

    /** @throws InventoryException {@code PRODUCT_NOT_FOUND} if the SKU does not exist or has no price */
    PriceView getPrice(String sku);
}
