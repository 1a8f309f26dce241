package dev.commerce.inventory;

import java.util.Collection;

/**
 * Reads the prices of several SKUs in one call (all lines of an order), telling a SKU that does not
 * exist from one that exists without a price.
 */
public interface GetPricesQuery {

    /**
     * Reads without locks, in one consistent read: a SKU reported priced existed with that price at
     * one moment. Duplicates in {@code skus} are answered once.
     *
     * @param skus the SKUs to price, none null or blank
     * @return every requested SKU in exactly one of {@link ProductPrices#priced()},
     *         {@link ProductPrices#unpriced()} and {@link ProductPrices#unknown()}
     * @throws InventoryException {@code INVALID_REQUEST} if {@code skus} is null or names a null or blank SKU
     */
    ProductPrices pricesOf(Collection<String> skus);
}
