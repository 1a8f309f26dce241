package dev.commerce.inventory.adapter.out.memory;

import dev.commerce.inventory.application.port.AvailableStock;
import dev.commerce.inventory.application.port.StockRepository;
import dev.commerce.inventory.domain.Stock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Stock rows in a map (and, with row locks, the conditional strategy's {@link AvailableStock}). Stores and hands out copies, so nothing changes without {@link #save}. */
public final class InMemoryStockRepository implements StockRepository, AvailableStock {

    private final Map<String, Stock> rows = new ConcurrentHashMap<>();
    private final InMemoryInventoryTransactions transactions;
    private final InMemoryRowLocks rowLocks;

    public InMemoryStockRepository(InMemoryInventoryTransactions transactions) {
        this(transactions, null);
    }

    /** With row locks shared with the lock port, so that {@link #reserveIfAvailable} can lock a row. */
    public InMemoryStockRepository(InMemoryInventoryTransactions transactions, InMemoryRowLocks rowLocks) {
        this.transactions = transactions;
        this.rowLocks = rowLocks;
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

    /** Like an {@code UPDATE}: locks the row until the transaction ends, then checks and writes. */
    @Override
    public boolean reserveIfAvailable(String sku, long quantity) {
        if (rowLocks == null) {
            throw new IllegalStateException("construct with row locks to use conditional updates");
        }
        if (!transactions.isActive()) {
            throw new IllegalStateException("a conditional update runs inside a transaction");
        }
        if (!rows.containsKey(sku)) {
            return false;
        }
        var lock = rowLocks.acquire(sku);
        transactions.atEnd(lock::unlock);
        Stock current = find(sku).orElseThrow();
        if (current.available() < quantity) {
            return false;
        }
        current.reserve(quantity);
        save(current);
        return true;
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
