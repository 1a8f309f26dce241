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
 * Stock rows in {@code inventory.stock}, written with plain SQL so every statement is visible.
 * Every write bumps the row's version, which {@link VersionCheckedStockRepository} compares.
 */
public class JdbcStockRepository implements StockRepository {

    private final JdbcClient jdbc;

    public JdbcStockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Called with the version of every row read; the optimistic variant remembers it. */
    protected void read(String sku, long version) {
    }

    private RowMapper<Stock> stockMapper() {
        return (rs, row) -> {
            read(rs.getString("sku"), rs.getLong("version"));
            return Stock.reconstitute(rs.getString("sku"), rs.getLong("on_hand"), rs.getLong("reserved"));
        };
    }

    @Override
    public Optional<Stock> find(String sku) {
        return jdbc.sql("SELECT sku, on_hand, reserved, version FROM inventory.stock WHERE sku = ?")
                .param(sku).query(stockMapper()).optional();
    }

    @Override
    public Map<String, Stock> findAll(Collection<String> skus) {
        Map<String, Stock> found = new LinkedHashMap<>();
        // in lock order, so that callers saving what they read write rows in one fixed order
        jdbc.sql("SELECT sku, on_hand, reserved, version FROM inventory.stock WHERE sku = ANY (?) ORDER BY sku COLLATE \"C\"")
                .param(skus.stream().distinct().toArray(String[]::new))
                .query(stockMapper()).list()
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
    public boolean reserveIfAvailable(String sku, long quantity) {
        return jdbc.sql("""
                UPDATE inventory.stock
                SET reserved = reserved + ?, version = version + 1, updated_at = now()
                WHERE sku = ? AND on_hand - reserved >= ?""")
                .params(quantity, sku, quantity)
                .update() == 1;
    }

    @Override
    public void createIfAbsent(String sku) {
        jdbc.sql("INSERT INTO inventory.stock (sku, on_hand, reserved) VALUES (?, 0, 0) ON CONFLICT (sku) DO NOTHING")
                .param(sku)
                .update();
    }

    JdbcClient jdbc() {
        return jdbc;
    }
}
