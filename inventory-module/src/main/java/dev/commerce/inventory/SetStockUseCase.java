package dev.commerce.inventory;

/** Sets the on-hand stock of a SKU (creating it if absent). */
public interface SetStockUseCase {

    /**
     * @throws InventoryException {@code STOCK_BELOW_RESERVED} if the new on-hand is below what is
     *                            reserved; {@code LOCK_TIMEOUT} if the stock row stayed locked too long
     */
    StockView setStock(SetStockCommand command);
}
