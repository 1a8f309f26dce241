package dev.commerce.inventory;

/** Reads the stock of one SKU. */
public interface GetStockQuery {

    /** @throws InventoryException {@code PRODUCT_NOT_FOUND} if the SKU does not exist */
    StockView getStock(String sku);
}
