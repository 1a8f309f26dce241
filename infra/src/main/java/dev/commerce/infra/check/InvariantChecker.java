package dev.commerce.infra.check;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * Proves the service's invariants from the database alone, across every module: an empty list
 * means they all hold. Each query returns the rows that break one invariant, so a violation
 * names what is wrong. Shared by the full-stack tests and the benchmarks.
 */
public final class InvariantChecker {

    private record Invariant(String name, String violationsQuery) {
    }

    /**
     * The key payment {@code p} was forwarded to the gateway with: the payment module's
     * {@code IdempotencyKey.forGateway()} in SQL (infra does not depend on the modules).
     */
    private static final String FORWARDED_KEY = """
            (CASE WHEN p.owner_id = 0 THEN p.idempotency_key
                  WHEN length(p.owner_id || ':' || p.idempotency_key) <= 255 THEN p.owner_id || ':' || p.idempotency_key
                  ELSE p.owner_id || ';' || encode(sha256(convert_to(p.idempotency_key, 'UTF8')), 'hex') END)""";

    private static final List<Invariant> INVARIANTS = List.of(
            new Invariant("inventory: reserved equals the units of pending reservations", """
                    SELECT s.sku || ': reserved ' || s.reserved || ', pending lines ' || coalesce(p.units, 0)
                    FROM inventory.stock s
                    LEFT JOIN (SELECT l.sku, sum(l.quantity) AS units FROM inventory.reservation_line l
                               JOIN inventory.reservation r ON r.id = l.reservation_id AND r.status = 'PENDING'
                               GROUP BY l.sku) p ON p.sku = s.sku
                    WHERE s.reserved <> coalesce(p.units, 0)"""),
            new Invariant("inventory: 0 <= reserved <= on hand", """
                    SELECT sku || ': on hand ' || on_hand || ', reserved ' || reserved FROM inventory.stock
                    WHERE on_hand < 0 OR reserved < 0 OR reserved > on_hand"""),
            new Invariant("coupon: issued quantity equals the issued rows and stays within the total", """
                    SELECT c.id || ': issued_quantity ' || c.issued_quantity || ', rows ' || coalesce(i.n, 0)
                           || ', total ' || c.total_quantity
                    FROM coupon.coupon c
                    LEFT JOIN (SELECT coupon_id, count(*) AS n FROM coupon.issued_coupon GROUP BY coupon_id) i
                           ON i.coupon_id = c.id
                    WHERE c.issued_quantity <> coalesce(i.n, 0) OR coalesce(i.n, 0) > c.total_quantity"""),
            new Invariant("coupon: at most one coupon per user per coupon", """
                    SELECT coupon_id || ' user ' || user_id || ': ' || count(*) || ' issued'
                    FROM coupon.issued_coupon GROUP BY coupon_id, user_id HAVING count(*) > 1"""),
            // the CHECKs make a REDEEMED copy name its order; nothing in the coupon module stops two
            // copies naming the same order: the order module redeems at most one per order (API.md)
            new Invariant("coupon: an order redeems at most one coupon copy", """
                    SELECT 'order ' || order_id || ': ' || count(*) || ' redeemed copies'
                    FROM coupon.issued_coupon WHERE status = 'REDEEMED' GROUP BY order_id HAVING count(*) > 1"""),
            new Invariant("payment: at most one payment per idempotency key of a user", """
                    SELECT idempotency_key || ' of user ' || owner_id || ': ' || count(*) || ' payments'
                    FROM payment.payment GROUP BY owner_id, idempotency_key HAVING count(*) > 1"""),
            new Invariant("payment: every payment matches the gateway's one charge for its key", """
                    SELECT p.id || ' (key ' || p.idempotency_key || ' of user ' || p.owner_id || '): '
                           || CASE WHEN c.idempotency_key IS NULL THEN 'no charge at the gateway'
                                   ELSE 'gateway says ' || c.transaction_id || ' ' || c.status || ' ' || c.amount END
                    FROM payment.payment p
                    LEFT JOIN gateway_simulator.charge c ON c.idempotency_key = %s
                    WHERE c.idempotency_key IS NULL OR c.transaction_id <> p.gateway_transaction_id
                       OR c.status <> (CASE p.status WHEN 'REFUNDED' THEN 'APPROVED' ELSE p.status END)
                       OR c.amount <> p.amount""".formatted(FORWARDED_KEY)),
            new Invariant("payment: a REFUNDED payment is refunded at the gateway, in full, and only it", """
                    SELECT p.id || ': ' || p.status || ', gateway refunded ' || coalesce(sum(r.amount), 0)
                           || ' of ' || p.amount
                    FROM payment.payment p
                    LEFT JOIN gateway_simulator.refund r ON r.transaction_id = p.gateway_transaction_id
                    GROUP BY p.id, p.status, p.amount
                    HAVING (p.status = 'REFUNDED' AND coalesce(sum(r.amount), 0) <> p.amount)
                        OR (p.status <> 'REFUNDED' AND count(r.refund_id) > 0)"""),
            new Invariant("payment: a completed key points at its payment, of the key's user", """
                    SELECT k.idempotency_key || ' of user ' || k.user_id || ': completed '
                           || CASE WHEN p.id IS NULL THEN 'without a payment row'
                                   ELSE 'with a payment of user ' || p.owner_id END
                    FROM payment.idempotency_key k
                    LEFT JOIN payment.payment p ON p.id = k.payment_id
                    WHERE k.state = 'COMPLETED' AND k.payment_id IS NOT NULL
                      AND (p.id IS NULL OR p.owner_id <> k.user_id)"""),
            new Invariant("order: a PAID order has a CONFIRMED reservation", """
                    SELECT o.id || ': PAID, reservation ' || o.reservation_id || ' ' || coalesce(r.status, 'missing')
                    FROM orders."order" o LEFT JOIN inventory.reservation r ON r.id = o.reservation_id
                    WHERE o.status = 'PAID' AND coalesce(r.status, '') <> 'CONFIRMED'"""),
            new Invariant("order: a CANCELLED or EXPIRED order holds no pending reservation", """
                    SELECT o.id || ': ' || o.status || ', reservation ' || r.id || ' PENDING'
                    FROM orders."order" o JOIN inventory.reservation r ON r.id = o.reservation_id
                    WHERE o.status IN ('CANCELLED', 'EXPIRED') AND r.status = 'PENDING'"""),
            new Invariant("order: an open or PAID order naming a coupon holds it redeemed for itself", """
                    SELECT o.id || ': ' || o.status || ' names coupon ' || o.coupon_id || ', not redeemed for it'
                    FROM orders."order" o
                    LEFT JOIN coupon.issued_coupon c ON c.coupon_id = o.coupon_id AND c.user_id = o.user_id
                                                    AND c.status = 'REDEEMED' AND c.order_id = o.id
                    WHERE o.coupon_id IS NOT NULL AND o.status IN ('AWAITING_PAYMENT', 'PAID') AND c.id IS NULL"""),
            new Invariant("order: a CANCELLED or EXPIRED order holds no coupon", """
                    SELECT o.id || ': ' || o.status || ', coupon copy ' || c.id || ' still REDEEMED for it'
                    FROM orders."order" o
                    JOIN coupon.issued_coupon c ON c.order_id = o.id AND c.status = 'REDEEMED'
                    WHERE o.status IN ('CANCELLED', 'EXPIRED')"""),
            new Invariant("order: a PAID order was charged its total once", """
                    SELECT o.id || ': total ' || o.total || ', payment '
                           || coalesce(p.status || ' ' || p.amount || ' for ' || p.order_id, 'missing')
                    FROM orders."order" o LEFT JOIN payment.payment p ON p.id = o.payment_id
                    WHERE o.status = 'PAID' AND o.total > 0
                      AND (p.id IS NULL OR p.status <> 'APPROVED' OR p.amount <> o.total OR p.order_id <> o.id)"""),
            new Invariant("order: at most one approved charge per order", """
                    SELECT o.id || ': ' || o.status || ' with ' || count(*) || ' approved charges'
                    FROM orders."order" o
                    JOIN gateway_simulator.charge c ON c.order_id = o.id AND c.status = 'APPROVED'
                    GROUP BY o.id, o.status HAVING count(*) > 1"""),
            // API.md: a CANCELLED or EXPIRED order keeps no charge; a charge that landed on it is
            // refunded through the gateway (an order awaiting payment has none either, at rest)
            new Invariant("order: an order that is not PAID keeps no approved charge that is not refunded", """
                    SELECT o.id || ': ' || o.status || ', charge ' || c.transaction_id || ' APPROVED, not refunded'
                    FROM orders."order" o
                    JOIN gateway_simulator.charge c ON c.order_id = o.id AND c.status = 'APPROVED'
                    WHERE o.status <> 'PAID'
                      AND NOT EXISTS (SELECT 1 FROM gateway_simulator.refund r WHERE r.transaction_id = c.transaction_id)"""),
            new Invariant("order: an order's REFUNDED late charge is a REFUNDED payment of that order", """
                    SELECT o.id || ': refund REFUNDED, payment ' || o.refund_payment_id || ' '
                           || coalesce(p.status || ' for ' || p.order_id, 'missing')
                    FROM orders."order" o LEFT JOIN payment.payment p ON p.id = o.refund_payment_id
                    WHERE o.refund_status = 'REFUNDED'
                      AND (p.id IS NULL OR p.status <> 'REFUNDED' OR p.order_id <> o.id)"""));

    private InvariantChecker() {
    }

    /** Every violation, as "invariant: what breaks it"; empty when everything holds. */
    public static List<String> violations(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return violations(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not check invariants: " + e.getMessage(), e);
        }
    }

    public static List<String> violations(Connection connection) throws SQLException {
        List<String> violations = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (Invariant invariant : INVARIANTS) {
                try (ResultSet rows = statement.executeQuery(invariant.violationsQuery())) {
                    while (rows.next()) {
                        violations.add(invariant.name() + ": " + rows.getString(1));
                    }
                }
            }
        }
        return violations;
    }

    /**
     * Copies of these coupons that are {@code REDEEMED} for an order that is neither stored nor being
     * placed (no open note in {@code orders.placement}): a checkout that died after redeeming and was
     * never recovered. Not one of the global invariants, because the coupon module's own tests redeem
     * copies for order ids of their making through its API; it holds for coupons only ever redeemed
     * by checkouts, so the checkout tests ask it of their own coupons.
     */
    public static List<String> redeemedWithoutOrder(DataSource dataSource, Collection<String> couponIds) {
        try (Connection connection = dataSource.getConnection()) {
            return redeemedWithoutOrder(connection, couponIds);
        } catch (SQLException e) {
            throw new IllegalStateException("could not check redeemed coupons: " + e.getMessage(), e);
        }
    }

    /** As {@link #redeemedWithoutOrder(DataSource, Collection)}, on this connection (and its transaction). */
    public static List<String> redeemedWithoutOrder(Connection connection, Collection<String> couponIds)
            throws SQLException {
        if (couponIds.isEmpty()) {
            return List.of();
        }
        String placeholders = String.join(", ", Collections.nCopies(couponIds.size(), "?"));
        String sql = """
                SELECT 'coupon copy ' || c.id || ' REDEEMED for ' || c.order_id || ', neither stored nor being placed'
                FROM coupon.issued_coupon c
                WHERE c.status = 'REDEEMED' AND c.coupon_id IN (%s)
                  AND NOT EXISTS (SELECT 1 FROM orders."order" o WHERE o.id = c.order_id)
                  AND NOT EXISTS (SELECT 1 FROM orders.placement p
                                  WHERE p.order_id = c.order_id AND p.abandoned_at IS NULL)""".formatted(placeholders);
        try (java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (String couponId : couponIds) {
                statement.setString(index++, couponId);
            }
            List<String> violations = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    violations.add("order: a REDEEMED coupon copy belongs to a stored order or to a placement in flight: "
                            + rows.getString(1));
                }
            }
            return violations;
        }
    }

    /** How many invariants are checked, for reports. */
    public static int count() {
        return INVARIANTS.size();
    }
}
