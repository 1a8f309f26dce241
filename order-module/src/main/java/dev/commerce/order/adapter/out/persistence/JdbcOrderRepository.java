package dev.commerce.order.adapter.out.persistence;

import dev.commerce.order.OrderRefund;
import dev.commerce.order.OrderStatus;
import dev.commerce.order.application.port.OrderRepository;
import dev.commerce.order.domain.Order;
import dev.commerce.order.domain.OrderLine;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Orders in {@code orders."order"} and {@code orders.order_line}; each status change is one conditional UPDATE. */
public class JdbcOrderRepository implements OrderRepository {

    private static final String COLUMNS = "id, user_id, status, subtotal, discount, total, currency, coupon_id,"
            + " reservation_id, payment_id, expires_at, created_at";
    private static final String READ_COLUMNS = COLUMNS + ", refund_payment_id, refund_status";

    private final JdbcClient jdbc;

    public JdbcOrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Order order) {
        jdbc.sql("INSERT INTO orders.\"order\" (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(order.id(), order.userId(), order.status().name(), order.subtotal(), order.discount(),
                        order.total(), order.currency(), order.couponId(), order.reservationId(), order.paymentId(),
                        ts(order.expiresAt()), ts(order.createdAt()))
                .update();
        int lineNo = 0;
        for (OrderLine line : order.lines()) {
            jdbc.sql("INSERT INTO orders.order_line (order_id, line_no, sku, quantity, unit_price) VALUES (?, ?, ?, ?, ?)")
                    .params(order.id(), lineNo++, line.sku(), line.quantity(), line.unitPrice())
                    .update();
        }
    }

    @Override
    public Optional<Order> find(String id) {
        List<OrderLine> lines = jdbc.sql("SELECT sku, quantity, unit_price FROM orders.order_line WHERE order_id = ?"
                        + " ORDER BY line_no")
                .param(id)
                .query((rs, n) -> new OrderLine(rs.getString("sku"), rs.getInt("quantity"), rs.getLong("unit_price")))
                .list();
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + READ_COLUMNS + " FROM orders.\"order\" WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Order(rs.getString("id"), rs.getLong("user_id"),
                        OrderStatus.valueOf(rs.getString("status")), lines, rs.getLong("subtotal"),
                        rs.getLong("discount"), rs.getLong("total"), rs.getString("currency"), rs.getString("coupon_id"),
                        rs.getString("reservation_id"), rs.getString("payment_id"),
                        rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("refund_payment_id") == null ? null : new OrderRefund(rs.getString("refund_payment_id"),
                                OrderRefund.Status.valueOf(rs.getString("refund_status")))))
                .optional();
    }

    @Override
    public Optional<Integer> claimPayment(String id, String owner, Instant now, Instant leaseUntil,
            Instant payableUntil) {
        return jdbc.sql("""
                UPDATE orders."order" SET payment_claim = ?, payment_claim_until = ?, updated_at = ?
                WHERE id = ? AND status = 'AWAITING_PAYMENT' AND ? < ?
                  AND (payment_claim IS NULL OR payment_claim_until <= ?)
                RETURNING payment_attempt""")
                .params(owner, ts(leaseUntil), ts(now), id, ts(now), ts(payableUntil), ts(now))
                .query(Integer.class)
                .optional();
    }

    @Override
    public void releaseClaim(String id, String owner) {
        jdbc.sql("UPDATE orders.\"order\" SET payment_claim = NULL, payment_claim_until = NULL"
                        + " WHERE id = ? AND payment_claim = ?")
                .params(id, owner)
                .update();
    }

    @Override
    public void declined(String id, String owner) {
        jdbc.sql("UPDATE orders.\"order\" SET payment_attempt = payment_attempt + 1, payment_claim = NULL,"
                        + " payment_claim_until = NULL WHERE id = ? AND payment_claim = ?")
                .params(id, owner)
                .update();
    }

    @Override
    public boolean markPaid(String id, String paymentId, Instant now) {
        return jdbc.sql("UPDATE orders.\"order\" SET status = 'PAID', payment_id = ?, payment_claim = NULL,"
                        + " payment_claim_until = NULL, updated_at = ? WHERE id = ? AND status = 'AWAITING_PAYMENT'")
                .params(paymentId, ts(now), id)
                .update() == 1;
    }

    @Override
    public boolean markPaidByCharge(String id, String paymentId, int attempt, Instant now) {
        return jdbc.sql("UPDATE orders.\"order\" SET status = 'PAID', payment_id = ?, payment_claim = NULL,"
                        + " payment_claim_until = NULL, updated_at = ? WHERE id = ? AND status = 'AWAITING_PAYMENT'"
                        + " AND payment_attempt = ? AND ? < expires_at")
                .params(paymentId, ts(now), id, attempt, ts(now))
                .update() == 1;
    }

    @Override
    public boolean markCancelled(String id, Instant now) {
        return jdbc.sql("UPDATE orders.\"order\" SET status = 'CANCELLED', updated_at = ?"
                        + " WHERE id = ? AND status = 'AWAITING_PAYMENT'"
                        + " AND (payment_claim IS NULL OR payment_claim_until <= ?)")
                .params(ts(now), id, ts(now))
                .update() == 1;
    }

    @Override
    public boolean markExpired(String id, Instant now) {
        return jdbc.sql("UPDATE orders.\"order\" SET status = 'EXPIRED', payment_claim = NULL,"
                        + " payment_claim_until = NULL, updated_at = ?"
                        + " WHERE id = ? AND status = 'AWAITING_PAYMENT' AND expires_at <= ?"
                        + " AND (payment_claim IS NULL OR payment_claim_until <= ?)")
                .params(ts(now), id, ts(now), ts(now))
                .update() == 1;
    }

    @Override
    public boolean recordLateCharge(String id, String paymentId) {
        return jdbc.sql("UPDATE orders.\"order\" SET refund_payment_id = ?, refund_status = 'PENDING', updated_at = now()"
                        + " WHERE id = ? AND status IN ('EXPIRED', 'CANCELLED') AND refund_payment_id IS NULL")
                .params(paymentId, id)
                .update() == 1;
    }

    @Override
    public void markRefunded(String id, String paymentId) {
        jdbc.sql("UPDATE orders.\"order\" SET refund_status = 'REFUNDED', updated_at = now()"
                        + " WHERE id = ? AND refund_payment_id = ? AND refund_status = 'PENDING'")
                .params(id, paymentId)
                .update();
    }

    @Override
    public List<String> findOverdue(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM orders.\"order\" WHERE status = 'AWAITING_PAYMENT' AND expires_at <= ?"
                        + " ORDER BY expires_at LIMIT ?")
                .params(ts(now), limit)
                .query(String.class)
                .list();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
