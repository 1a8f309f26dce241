package dev.commerce.inventory.adapter.out.memory;

import dev.commerce.inventory.application.port.StockRepository;
import dev.commerce.inventory.domain.Stock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Stock rows in a map. Stores and hands out copies, so nothing changes without {@link #save}. */
public final class InMemoryStockRepository implements StockRepository {

    private final Map<String, Stock> rows = new ConcurrentHashMap<>();
    private final InMemoryTransactions transactions;

    public InMemoryStockRepository(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<Stock> find(String sku) {
        return Optional.ofNullable(rows.get(sku)).map(InMemoryStockRepository::copy);
    }

    @Override
    public Map<String, Stock> findAll(Collection<String> skus) {
        Map<String, Stock> found = new LinkedHashMap<>();
        for (String sku : skus) {
            find(sku).ifPresent(stock -> found.put(sku, stock));
        }
        return found;
    }

    @Override
    public void save(Stock stock) {
        Stock previous = rows.put(stock.sku(), copy(stock));
        transactions.onRollback(() -> restore(stock.sku(), previous));
    }

    @Override
    public void createIfAbsent(String sku) {
        if (rows.putIfAbsent(sku, Stock.empty(sku)) == null) {
            transactions.onRollback(() -> rows.remove(sku));
        }
    }

    boolean exists(String sku) {
        return rows.containsKey(sku);
    }

    private void restore(String sku, Stock previous) {
        if (previous == null) {
            rows.remove(sku);
        } else {
            rows.put(sku, previous);
        }
    }

    private static Stock copy(Stock stock) {
        return Stock.reconstitute(stock.sku(), stock.onHand(), stock.reserved());
    }
}
