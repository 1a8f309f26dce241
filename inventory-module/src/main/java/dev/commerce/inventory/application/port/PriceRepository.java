package dev.commerce.inventory.application.port;

import dev.commerce.inventory.domain.Price;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Stores the price of each SKU, apart from its stock: neither reading nor changing a price locks or
 * writes the SKU's stock row, which reservations hold locked.
 */
public interface PriceRepository {

    /**
     * Inserts or replaces the price of {@code sku}, whose stock row must exist
     * ({@link StockRepository#createIfAbsent}); call it inside a {@link InventoryTransactions} transaction.
     */
    void save(String sku, Price price);

    /**
     * The SKUs of {@code skus} that exist (have a stock row), keyed by SKU, each with its price or
     * empty if it has none; SKUs that do not exist are absent from the map. Read in one statement
     * without locks, so a SKU and its price are seen at the same moment.
     */
    Map<String, Optional<Price>> findAll(Collection<String> skus);
}
