package dev.commerce.inventory.adapter.out.optimistic;

import dev.commerce.inventory.application.port.StockRepository;
import dev.commerce.inventory.domain.Stock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The optimistic strategy's stock store: it remembers the version of every row read in the
 * current attempt and saves a row only if that version is still current (compare-and-set), so a
 * lost race surfaces as {@link OptimisticLockingFailureException} and the attempt is retried.
 * Public for the guard tests in app-bootstrap.
 */
public class VersionCheckedStockRepository implements StockRepository {

    // one map per thread: an attempt reads and saves on one thread, inside one transaction
    private final ThreadLocal<Map<String, Long>> versionsRead = ThreadLocal.withInitial(HashMap::new);
    private final JdbcClient jdbc;

    public VersionCheckedStockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Forgets what the previous attempt read; called at the start of every attempt. */
    void beginAttempt() {
        versionsRead.get().clear();
    }

    /** Reads a row and remembers its version. */
    private RowMapper<Stock> versioned() {
        return (rs, row) -> {
            versionsRead.get().put(rs.getString("sku"), rs.getLong("version"));
            return Stock.reconstitute(rs.getString("sku"), rs.getLong("on_hand"), rs.getLong("reserved"));
        };
    }

    @Override
    public Optional<Stock> find(String sku) {
        return jdbc.sql("SELECT sku, on_hand, reserved, version FROM inventory.stock WHERE sku = ?")
                .param(sku).query(versioned()).optional();
    }

    @Override
    public Map<String, Stock> findAll(Collection<String> skus) {
        Map<String, Stock> found = new LinkedHashMap<>();
        // in one fixed order, so that attempts saving what they read write rows in that order
        jdbc.sql("SELECT sku, on_hand, reserved, version FROM inventory.stock WHERE sku = ANY (?) ORDER BY sku COLLATE \"C\"")
                .param(skus.stream().distinct().toArray(String[]::new))
                .query(versioned())
                .list().forEach(stock -> found.put(stock.sku(), stock));
        return found;
    }

    @Override
    public void save(Stock stock) {
        Long expected = versionsRead.get().get(stock.sku());
        if (expected == null) {
            throw new IllegalStateException("stock " + stock.sku() + " saved without being read in this attempt");
        }
        int updated = jdbc.sql("""
                UPDATE inventory.stock
                SET on_hand = ?, reserved = ?, version = version + 1, updated_at = now()
                WHERE sku = ? AND version = ?""")
                .params(stock.onHand(), stock.reserved(), stock.sku(), expected)
                .update();
        if (updated == 0) {
            throw new OptimisticLockingFailureException("stock " + stock.sku() + " changed since version " + expected);
        }
        versionsRead.get().put(stock.sku(), expected + 1);
    }

    /** Creates the row at version 0 unless it exists; an attempt then reads it, version and all. */
    @Override
    public void createIfAbsent(String sku) {
        jdbc.sql("INSERT INTO inventory.stock (sku, on_hand, reserved) VALUES (?, 0, 0) ON CONFLICT (sku) DO NOTHING")
                .param(sku)
                .update();
    }
}
