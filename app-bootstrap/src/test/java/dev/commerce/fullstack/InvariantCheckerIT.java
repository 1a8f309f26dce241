package dev.commerce.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.infra.check.InvariantChecker;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The checker finds each kind of corruption it claims to find (so it cannot pass by checking
 * nothing), and finds none in the database the suite has built so far. The corruption is written
 * in a transaction that is rolled back.
 */
class InvariantCheckerIT extends FullStackTest {

    @Test
    void every_invariant_reports_its_deliberate_violation() throws Exception {
        String sku = "corrupt-" + UUID.randomUUID();
        String coupon = UUID.randomUUID().toString();
        String key = "corrupt-" + UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement sql = connection.createStatement()) {
                // reserved 5 with no pending reservation behind it
                sql.execute("INSERT INTO inventory.stock (sku, on_hand, reserved) VALUES ('" + sku + "', 10, 5)");
                // a coupon that says 0 issued while two rows exist (the same user twice needs the constraint
                // gone), both redeemed for one order
                sql.execute("INSERT INTO coupon.coupon (id, name, total_quantity, issued_quantity, created_at)"
                        + " VALUES ('" + coupon + "', 'corrupt', 1, 0, now())");
                sql.execute("ALTER TABLE coupon.issued_coupon DROP CONSTRAINT issued_coupon_once_per_user");
                sql.execute("INSERT INTO coupon.issued_coupon (id, coupon_id, user_id, issued_at, status, order_id)"
                        + " VALUES ('" + UUID.randomUUID() + "', '" + coupon + "', 7, now(), 'REDEEMED', 'o-" + coupon
                        + "'), ('" + UUID.randomUUID() + "', '" + coupon + "', 7, now(), 'REDEEMED', 'o-" + coupon + "')");
                // a payment the gateway never charged
                sql.execute("INSERT INTO payment.payment (id, owner_id, order_id, amount, currency, status,"
                        + " gateway_transaction_id, idempotency_key, created_at) VALUES ('" + UUID.randomUUID() + "', 7,"
                        + " 'o-corrupt', 100, 'KRW', 'APPROVED', 'tx-none', '" + key + "', now())");

                // a paid order whose reservation is still pending, and a cancelled order charged at the gateway
                String paid = UUID.randomUUID().toString();
                String cancelled = UUID.randomUUID().toString();
                String reservation = UUID.randomUUID().toString();
                sql.execute("INSERT INTO inventory.reservation (id, order_id, owner_id, status, created_at,"
                        + " expires_at) VALUES ('" + reservation + "', '" + paid + "', 7, 'PENDING', now(), now())");
                for (String order : List.of(paid, cancelled)) {
                    sql.execute("INSERT INTO orders.\"order\" (id, user_id, status, subtotal, discount, total, currency,"
                            + " reservation_id, payment_id, expires_at, created_at) VALUES ('" + order + "', 7, '"
                            + (order.equals(paid) ? "PAID" : "CANCELLED") + "', 0, 0, 0, 'KRW', '" + reservation
                            + "', null, now(), now())");
                }
                // the cancelled order keeps two approved charges, neither refunded
                sql.execute("INSERT INTO gateway_simulator.charge (idempotency_key, transaction_id, order_id, amount,"
                        + " currency, status) VALUES ('" + key + "-gw', '" + key + "-tx', '" + cancelled
                        + "', 100, 'KRW', 'APPROVED'), ('" + key + "-gw2', '" + key + "-tx2', '" + cancelled
                        + "', 100, 'KRW', 'APPROVED')");
                // an expired order whose late charge was refunded at the gateway: no violation
                String refundedOk = UUID.randomUUID().toString();
                sql.execute("INSERT INTO orders.\"order\" (id, user_id, status, subtotal, discount, total, currency,"
                        + " reservation_id, payment_id, expires_at, created_at) VALUES ('" + refundedOk
                        + "', 7, 'EXPIRED', 0, 0, 0, 'KRW', '" + UUID.randomUUID() + "', null, now(), now())");
                sql.execute("INSERT INTO gateway_simulator.charge (idempotency_key, transaction_id, order_id, amount,"
                        + " currency, status) VALUES ('" + key + "-ok', '" + key + "-tx-ok', '" + refundedOk
                        + "', 100, 'KRW', 'APPROVED')");
                sql.execute("INSERT INTO gateway_simulator.refund (idempotency_key, refund_id, transaction_id, amount,"
                        + " currency) VALUES ('refund:" + key + "', 'rfd-" + key + "', '" + key + "-tx-ok', 100, 'KRW')");
                // a payment marked refunded that the gateway never refunded
                String unrefunded = UUID.randomUUID().toString();
                sql.execute("INSERT INTO payment.payment (id, owner_id, order_id, amount, currency, status,"
                        + " gateway_transaction_id, idempotency_key, created_at, refunded_at) VALUES ('" + unrefunded
                        + "', 7, 'o-corrupt', 100, 'KRW', 'REFUNDED', 'tx-none-2', '" + key + "-r', now(), now())");

                List<String> violations = InvariantChecker.violations(connection);

                assertThat(violations)
                        .anySatisfy(v -> assertThat(v).startsWith("inventory: reserved equals").contains(sku))
                        .anySatisfy(v -> assertThat(v).startsWith("coupon: issued quantity").contains(coupon))
                        .anySatisfy(v -> assertThat(v).startsWith("coupon: at most one").contains(coupon))
                        .anySatisfy(v -> assertThat(v).startsWith("coupon: an order redeems").contains("o-" + coupon))
                        .anySatisfy(v -> assertThat(v).startsWith("payment: every payment").contains(key))
                        .anySatisfy(v -> assertThat(v).startsWith("order: a PAID order has").contains(paid))
                        .anySatisfy(v -> assertThat(v).startsWith("order: a CANCELLED").contains(cancelled))
                        .anySatisfy(v -> assertThat(v).startsWith("order: at most one").contains(cancelled))
                        .anySatisfy(v -> assertThat(v).startsWith("order: an order that is not PAID keeps no approved")
                                .contains(cancelled))
                        .anySatisfy(v -> assertThat(v).startsWith("payment: a REFUNDED payment").contains(unrefunded))
                        .noneSatisfy(v -> assertThat(v).contains(refundedOk));
                // the copies redeemed for an order never stored, with no placement in flight (a check
                // the checkout tests ask of their own coupons)
                assertThat(InvariantChecker.redeemedWithoutOrder(connection, List.of(coupon)))
                        .hasSize(2).allSatisfy(v -> assertThat(v).contains("o-" + coupon));
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void the_database_built_by_the_suite_so_far_keeps_every_invariant() {
        assertInvariantsHold();
    }
}
