package dev.commerce.payment.adapter.out.persistence;

import dev.commerce.payment.PaymentStatus;
import dev.commerce.payment.application.port.PaymentRepository;
import dev.commerce.payment.domain.IdempotencyKey;
import dev.commerce.payment.domain.Payment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Payments in {@code payment.payment}; unique on {@code (owner_id, idempotency_key)}: one per user's key. */
class JdbcPaymentRepository implements PaymentRepository {

    private static final String SELECT = """
            SELECT id, owner_id, order_id, amount, currency, status, gateway_transaction_id, idempotency_key, created_at
            FROM payment.payment""";

    private final JdbcClient jdbc;

    JdbcPaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(Payment payment) {
        jdbc.sql("""
                INSERT INTO payment.payment
                    (id, owner_id, order_id, amount, currency, status, gateway_transaction_id, idempotency_key,
                     created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(payment.id(), payment.ownerId(), payment.orderId(), payment.amount(), payment.currency(),
                        payment.status().name(), payment.gatewayTransactionId(), payment.idempotencyKey().value(),
                        Timestamp.from(payment.createdAt()))
                .update();
    }

    @Override
    public Optional<Payment> findById(String id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query((rs, row) -> toPayment(rs)).optional();
    }

    @Override
    public Optional<Payment> findByIdempotencyKey(IdempotencyKey idempotencyKey) {
        return jdbc.sql(SELECT + " WHERE owner_id = ? AND idempotency_key = ?")
                .params(idempotencyKey.userId(), idempotencyKey.value())
                .query((rs, row) -> toPayment(rs)).optional();
    }

    @Override
    public boolean markRefunded(String id, Instant refundedAt) {
        return jdbc.sql("UPDATE payment.payment SET status = 'REFUNDED', refunded_at = ? WHERE id = ? AND status = 'APPROVED'")
                .params(Timestamp.from(refundedAt), id)
                .update() == 1;
    }

    private static Payment toPayment(ResultSet rs) throws SQLException {
        return new Payment(rs.getString("id"), rs.getString("order_id"), rs.getLong("amount"), rs.getString("currency"),
                PaymentStatus.valueOf(rs.getString("status")), rs.getString("gateway_transaction_id"),
                new IdempotencyKey(rs.getLong("owner_id"), rs.getString("idempotency_key")),
                rs.getTimestamp("created_at").toInstant());
    }
}
