package dev.commerce.inventory.adapter.out.persistence;

import dev.commerce.inventory.domain.Stock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The optimistic strategy's stock store: it remembers the version of every row read in the
 * current attempt and saves a row only if that version is still current (compare-and-set), so a
 * lost race surfaces as {@link OptimisticLockingFailureException} and the attempt is retried.
 */
public class VersionCheckedStockRepository extends JdbcStockRepository {

    // one map per thread: an attempt reads and saves on one thread, inside one transaction
    private final ThreadLocal<Map<String, Long>> versionsRead = ThreadLocal.withInitial(HashMap::new);

    public VersionCheckedStockRepository(JdbcClient jdbc) {
        super(jdbc);
    }

    /** Forgets what the previous attempt read; called at the start of every attempt. */
    void beginAttempt() {
        versionsRead.get().clear();
    }

    @Override
    protected void read(String sku, long version) {
        versionsRead.get().put(sku, version);
    }

    @Override
    public void save(Stock stock) {
        Long expected = versionsRead.get().get(stock.sku());
        if (expected == null) {
            throw new IllegalStateException("stock " + stock.sku() + " saved without being read in this attempt");
        }
        int updated = jdbc().sql("""
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
}
