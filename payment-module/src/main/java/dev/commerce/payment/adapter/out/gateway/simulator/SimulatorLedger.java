package dev.commerce.payment.adapter.out.gateway.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The simulator's ledger in PostgreSQL ({@code gateway_simulator.charge}, {@code gateway_simulator.refund}),
 * shared by every instance of the service, so that deduplication by key holds across them. Rows are
 * answered as the JSON objects the simulator sends.
 */
final class SimulatorLedger {

    private final JdbcClient jdbc;

    SimulatorLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Map<String, Object>> chargeByKey(String key) {
        return jdbc.sql("""
                SELECT transaction_id, order_id, amount, currency, status
                FROM gateway_simulator.charge WHERE idempotency_key = ?""")
                .param(key).query((rs, row) -> chargeJson(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getString(4), rs.getString(5))).optional();
    }

    /**
     * One statement: the first request with the key inserts the charge; every later one only counts
     * itself and reads the first charge back. The primary key makes it exact.
     */
    Map<String, Object> charge(String key, String orderId, long amount, String currency, String status) {
        return jdbc.sql("""
                INSERT INTO gateway_simulator.charge (idempotency_key, transaction_id, order_id, amount, currency, status)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (idempotency_key) DO UPDATE SET request_count = gateway_simulator.charge.request_count + 1
                RETURNING transaction_id, order_id, amount, currency, status""")
                .params(key, "txn_" + UUID.randomUUID(), orderId, amount, currency, status)
                .query((rs, row) -> chargeJson(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5)))
                .single();
    }

    /**
     * One statement refunds only an approved charge, and only what is left of it. Two refunds of one
     * charge under two keys at the same instant are not serialized against each other (the service
     * refunds a payment under one key, derived from the payment). Empty when nothing was refunded.
     */
    Optional<Map<String, Object>> refund(String key, String transactionId, long amount) {
        return jdbc.sql("""
                INSERT INTO gateway_simulator.refund (idempotency_key, refund_id, transaction_id, amount, currency)
                SELECT ?, ?, c.transaction_id, ?, c.currency FROM gateway_simulator.charge c
                WHERE c.transaction_id = ? AND c.status = 'APPROVED'
                  AND ? <= c.amount - (SELECT coalesce(sum(r.amount), 0) FROM gateway_simulator.refund r
                                       WHERE r.transaction_id = c.transaction_id)
                ON CONFLICT (idempotency_key) DO UPDATE SET request_count = gateway_simulator.refund.request_count + 1
                RETURNING refund_id, transaction_id, amount, currency""")
                .params(key, "rfd_" + UUID.randomUUID(), amount, transactionId, amount)
                .query((rs, row) -> refundJson(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                .optional();
    }

    /** The refund made under the key; {@code countRequest} counts this request as one more carrying it. */
    Optional<Map<String, Object>> refundByKey(String key, boolean countRequest) {
        String sql = countRequest
                ? "UPDATE gateway_simulator.refund SET request_count = request_count + 1 WHERE idempotency_key = ?"
                        + " RETURNING refund_id, transaction_id, amount, currency"
                : "SELECT refund_id, transaction_id, amount, currency FROM gateway_simulator.refund WHERE idempotency_key = ?";
        return jdbc.sql(sql).param(key)
                .query((rs, row) -> refundJson(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                .optional();
    }

    Optional<String> chargeStatus(String transactionId) {
        return jdbc.sql("SELECT status FROM gateway_simulator.charge WHERE transaction_id = ?")
                .param(transactionId).query(String.class).optional();
    }

    private static Map<String, Object> chargeJson(String transactionId, String orderId, long amount, String currency,
            String status) {
        Map<String, Object> charge = new LinkedHashMap<>();
        charge.put("transactionId", transactionId);
        charge.put("orderId", orderId);
        charge.put("amount", amount);
        charge.put("currency", currency);
        charge.put("status", status);
        return charge;
    }

    private static Map<String, Object> refundJson(String refundId, String transactionId, long amount, String currency) {
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("refundId", refundId);
        refund.put("transactionId", transactionId);
        refund.put("amount", amount);
        refund.put("currency", currency);
        refund.put("status", "REFUNDED");
        return refund;
    }
}
