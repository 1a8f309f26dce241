package dev.commerce.order.adapter.out.persistence;

import static dev.commerce.order.adapter.out.persistence.JdbcOrderRepository.ts;

import dev.commerce.order.application.port.PlacementJournal;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The placement journal in {@code orders.placement}. Each write is one statement conditional on the
 * note being open ({@code abandoned_at IS NULL}): under READ COMMITTED the second of two racing
 * writers waits for the first's row lock and then re-evaluates the condition, so a finish and an
 * abandon of one note never both succeed.
 */
public class JdbcPlacementJournal implements PlacementJournal {

    private final JdbcClient jdbc;

    public JdbcPlacementJournal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean begin(Placement placement) {
        // a retried placement of the same order finds its note: an open one is kept (the no-op update
        // returns it), an abandoned one is not updated and returns nothing
        return jdbc.sql("INSERT INTO orders.placement (order_id, user_id, request_key, coupon_id, reservation_id,"
                        + " started_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (order_id) DO UPDATE"
                        + " SET order_id = EXCLUDED.order_id WHERE placement.abandoned_at IS NULL RETURNING order_id")
                .params(placement.orderId(), placement.userId(), placement.requestKey(), placement.couponId(),
                        placement.reservationId(), ts(placement.startedAt()))
                .query(String.class)
                .optional()
                .isPresent();
    }

    @Override
    public boolean finish(String orderId) {
        return jdbc.sql("DELETE FROM orders.placement WHERE order_id = ? AND abandoned_at IS NULL")
                .param(orderId)
                .update() == 1;
    }

    @Override
    public List<Placement> openBefore(Instant before, int limit) {
        return jdbc.sql("SELECT order_id, user_id, request_key, coupon_id, reservation_id, started_at FROM orders.placement"
                        + " WHERE abandoned_at IS NULL AND started_at < ? ORDER BY started_at LIMIT ?")
                .params(ts(before), limit)
                .query((rs, n) -> new Placement(rs.getString("order_id"), rs.getLong("user_id"),
                        rs.getString("request_key"), rs.getString("coupon_id"), rs.getString("reservation_id"),
                        rs.getTimestamp("started_at").toInstant()))
                .list();
    }

    @Override
    public boolean abandon(String orderId, Instant now) {
        return jdbc.sql("UPDATE orders.placement SET abandoned_at = ? WHERE order_id = ? AND abandoned_at IS NULL")
                .params(ts(now), orderId)
                .update() == 1;
    }

    @Override
    public int deleteAbandonedBefore(Instant before) {
        return jdbc.sql("DELETE FROM orders.placement WHERE abandoned_at < ?")
                .param(ts(before))
                .update();
    }
}
