package dev.commerce.inventory.adapter.out.persistence;

import dev.commerce.inventory.application.port.PriceRepository;
import dev.commerce.inventory.domain.Price;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Prices in {@code inventory.product_price}, one row per priced SKU. No statement here locks a
 * {@code inventory.stock} row: reservations hold those.
 */
class JdbcPriceRepository implements PriceRepository {

    private final JdbcClient jdbc;

    JdbcPriceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(String sku, Price price) {
        jdbc.sql("""
                INSERT INTO inventory.product_price (sku, price, currency) VALUES (?, ?, ?)
                ON CONFLICT (sku) DO UPDATE
                SET price = EXCLUDED.price, currency = EXCLUDED.currency, updated_at = now()""")
                .params(sku, price.amount(), price.currency())
                .update();
    }

    @Override
    public Map<String, Optional<Price>> findAll(Collection<String> skus) {
        Map<String, Optional<Price>> found = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT s.sku, p.price, p.currency
                FROM inventory.stock s LEFT JOIN inventory.product_price p ON p.sku = s.sku
                WHERE s.sku = ANY (?)""")
                .param(skus.stream().distinct().toArray(String[]::new))
                .query(rs -> {
                    String currency = rs.getString("currency");
                    found.put(rs.getString("sku"), currency == null
                            ? Optional.empty()
                            : Optional.of(new Price(rs.getLong("price"), currency)));
                });
        return found;
    }
}
