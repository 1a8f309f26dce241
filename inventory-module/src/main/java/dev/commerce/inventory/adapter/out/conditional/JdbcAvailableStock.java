package dev.commerce.inventory.adapter.out.conditional;

import dev.commerce.inventory.application.port.AvailableStock;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The conditional strategy's one statement: reserve in {@code inventory.stock} only while
 * {@code on_hand - reserved} covers the quantity. Public for the guard tests in app-bootstrap.
 */
public class JdbcAvailableStock implements AvailableStock {

    private final JdbcClient jdbc;

    public JdbcAvailableStock(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
}
