package dev.commerce.payment.adapter.out.persistence;

import dev.commerce.payment.PaymentStatus;
import dev.commerce.payment.application.port.PaymentRepository;
import dev.commerce.payment.domain.Payment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Payments in {@code payment.payment}; the unique idempotency key column allows one per key. */
public class JdbcPaymentRepository implements PaymentRepository {

    private static final String SELECT = """
            SELECT id, order_id, amount, currency, status, gateway_transaction_id, idempotency_key, created_at
            FROM payment.payment""";

    private final JdbcClient jdbc;

    public JdbcPaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(Payment payment) {
        jdbc.sql("""
                INSERT INTO payment.payment
                    (id, order_id, amount, currency, status, gateway_transaction_id, idempotency_key, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(payment.id(), payment.orderId(), payment.amount(), payment.currency(), payment.status().name(),
                        payment.gatewayTransactionId(), payment.idempotencyKey(), Timestamp.from(payment.createdAt()))
                .update();
    }

    @Override
    public Optional<Payment> findById(String id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query((rs, row) -> toPayment(rs)).optional();
    }

    @Override
    public Optional<Payment> findByIdempotencyKey(String idempotencyKey) {
        return jdbc.sql(SELECT + " WHERE idempotency_key = ?").param(idempotencyKey)
                .query((rs, row) -> toPayment(rs)).optional();
    }

    private static Payment toPayment(ResultSet rs) throws SQLException {
        return new Payment(rs.getString("id"), rs.getString("order_id"), rs.getLong("amount"), rs.getString("currency"),
                PaymentStatus.valueOf(rs.getString("status")), rs.getString("gateway_transaction_id"),
                rs.getString("idempotency_key"), rs.getTimestamp("created_at").toInstant());
    }
}
