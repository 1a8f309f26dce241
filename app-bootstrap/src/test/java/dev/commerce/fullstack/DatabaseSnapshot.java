package dev.commerce.fullstack;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Row count and an md5 of every row, in primary-key order, of each table a request could touch:
 * taken before and after a campaign of refused requests, which must leave it unchanged.
 */
public final class DatabaseSnapshot {

    private static final List<String> TABLES = List.of(
            "inventory.stock ORDER BY sku",
            "inventory.product_price ORDER BY sku",
            "inventory.reservation ORDER BY id",
            "inventory.reservation_line ORDER BY reservation_id, line_no",
            "coupon.coupon ORDER BY id",
            "coupon.issued_coupon ORDER BY id",
            // the reconciler may settle keys other tests left unsettled; completed ones it never touches,
            // and keys created during a campaign are counted separately by the campaigns
            "payment.idempotency_key WHERE state = 'COMPLETED' ORDER BY idempotency_key",
            "payment.payment ORDER BY id",
            "gateway_simulator.charge ORDER BY idempotency_key",
            "orders.\"order\" ORDER BY id",
            "orders.order_line ORDER BY order_id, line_no",
            "orders.request_key WHERE completed_at IS NOT NULL ORDER BY user_id, key",
            // the keys of every other POST (ADR 12): a refused request claims none, or releases its claim
            "platform.idempotency_key ORDER BY user_id, idempotency_key");

    private DatabaseSnapshot() {
    }

    public static Map<String, String> of(JdbcTemplate jdbc) {
        Map<String, String> snapshot = new LinkedHashMap<>();
        for (String table : TABLES) {
            String name = table.substring(0, table.indexOf(' '));
            String where = table.contains(" WHERE ")
                    ? table.substring(table.indexOf(" WHERE "), table.indexOf(" ORDER BY ")) : "";
            String order = table.substring(table.indexOf("ORDER BY ") + 9);
            String orderBy = String.join(", ", Arrays.stream(order.split(",\\s*")).map(c -> "t." + c).toList());
            snapshot.put(name, jdbc.queryForObject("SELECT count(*) || ' rows, md5 ' || coalesce(md5(string_agg(t::text, '|' ORDER BY "
                    + orderBy + ")), '-') FROM " + name + " t" + where, String.class));
        }
        return snapshot;
    }
}
