package dev.commerce.inventory.application.port;

import dev.commerce.inventory.domain.Stock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Stores the stock of each SKU, one row per SKU. Stock rows are never deleted. */
public interface StockRepository {

    /** The stock of {@code sku}, if the SKU exists. */
    Optional<Stock> find(String sku);

    /** The stocks of those SKUs that exist, keyed by SKU; missing SKUs are absent from the map. */
    Map<String, Stock> findAll(Collection<String> skus);

    /** Inserts or updates the stock; call it under {@link StockConcurrency#run} for its SKU. */
    void save(Stock stock);

    /**
     * Inserts an empty stock row for {@code sku} unless one exists (e.g. {@code INSERT ... ON CONFLICT
     * DO NOTHING}); safe when many callers race. Called outside {@link StockConcurrency#run},
     * before locking, so that the row exists to be locked. Returns nothing on purpose: a stock read
     * without the lock must not be modified; re-read it under the lock.
     */
    void createIfAbsent(String sku);
}
