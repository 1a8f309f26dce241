package dev.commerce.inventory.adapter.out.persistence;

import dev.commerce.inventory.application.port.StockRepository;
import dev.commerce.inventory.domain.Stock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stock rows in {@code inventory.stock}, written with plain SQL so every statement is visible; the
 * store of the row-lock and the conditional strategies (callers hold the rows' locks, or change a row
 * with one conditional statement). Every write bumps the row's version, which the optimistic
 * strategy's store compares. Public for the guard tests in app-bootstrap.
 */
public class JdbcStockRepository implements StockRepository {

    private static final RowMapper<Stock> STOCK = (rs, row) ->
            Stock.reconstitute(rs.getString("sku"), rs.getLong("on_hand"), rs.getLong("reserved"));

    private final JdbcClient jdbc;

    public JdbcStockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Stock> find(String sku) {
        return jdbc.sql("SELECT sku, on_hand, reserved FROM inventory.stock WHERE sku = ?")
                .param(sku).query(STOCK).optional();
    }

    @Override
    public Map<String, Stock> findAll(Collection<String> skus) {
        Map<String, Stock> found = new LinkedHashMap<>();
        // in lock order, so that callers saving what they read write rows in one fixed order
        jdbc.sql("SELECT sku, on_hand, reserved FROM inventory.stock WHERE sku = ANY (?) ORDER BY sku COLLATE \"C\"")
                .param(skus.stream().distinct().toArray(String[]::new))
                .query(STOCK).list()
                .forEach(stock -> found.put(stock.sku(), stock));
        return found;
    }

    @Override
    public void save(Stock stock) {
        jdbc.sql("""
                INSERT INTO inventory.stock (sku, on_hand, reserved) VALUES (?, ?, ?)
                ON CONFLICT (sku) DO UPDATE
                SET on_hand = EXCLUDED.on_hand, reserved = EXCLUDED.reserved,
                    version = inventory.stock.version + 1, updated_at = now()""")
                .params(stock.sku(), stock.onHand(), stock.reserved())
                .update();
    }

    @Override
    public void createIfAbsent(String sku) {
        jdbc.sql("INSERT INTO inventory.stock (sku, on_hand, reserved) VALUES (?, 0, 0) ON CONFLICT (sku) DO NOTHING")
                .param(sku)
                .update();
    }
}
