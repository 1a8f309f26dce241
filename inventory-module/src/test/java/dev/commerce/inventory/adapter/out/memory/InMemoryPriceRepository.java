package dev.commerce.inventory.adapter.out.memory;

import dev.commerce.inventory.application.port.PriceRepository;
import dev.commerce.inventory.domain.Price;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prices in a map beside the in-memory stock rows, which say whether a SKU exists (as the foreign
 * key to {@code inventory.stock} does). Writes are undone when the open transaction rolls back.
 */
public final class InMemoryPriceRepository implements PriceRepository {

    private final Map<String, Price> rows = new ConcurrentHashMap<>();
    private final InMemoryStockRepository stocks;
    private final InMemoryInventoryTransactions transactions;

    public InMemoryPriceRepository(InMemoryStockRepository stocks, InMemoryInventoryTransactions transactions) {
        this.stocks = stocks;
        this.transactions = transactions;
    }

    @Override
    public void save(String sku, Price price) {
        if (!stocks.exists(sku)) {
            throw new IllegalStateException("no stock row for " + sku + ": a price needs an existing SKU");
        }
        Price previous = rows.put(sku, price);
        transactions.onRollback(() -> {
            if (previous == null) {
                rows.remove(sku);
            } else {
                rows.put(sku, previous);
            }
        });
    }

    @Override
    public Map<String, Optional<Price>> findAll(Collection<String> skus) {
        Map<String, Optional<Price>> found = new LinkedHashMap<>();
        for (String sku : skus) {
            if (stocks.exists(sku)) {
                found.put(sku, Optional.ofNullable(rows.get(sku)));
            }
        }
        return found;
    }
}
