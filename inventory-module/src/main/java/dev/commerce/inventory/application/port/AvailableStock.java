package dev.commerce.inventory.application.port;

/**
 * Reserves stock in one atomic step that checks availability itself: the conditional strategy's
 * store, which needs no lock taken first and no version read before.
 */
public interface AvailableStock {

    /**
     * Adds {@code quantity} to the SKU's reserved stock in one atomic step if at least that much is
     * available (a conditional {@code UPDATE ... WHERE on_hand - reserved >= ?}); returns false and
     * changes nothing otherwise, including when the SKU does not exist. The row stays locked until
     * the surrounding transaction ends, so callers reserving several SKUs go in sorted order.
     */
    boolean reserveIfAvailable(String sku, long quantity);
}
