package dev.commerce.fullstack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * What reached the payment gateway (the simulator's ledger, {@code gateway_simulator.charge}) held
 * against what the service recorded ({@code payment.payment}), for the orders of a fault test.
 *
 * <p>The ledger has one row per gateway key (its primary key) with the number of charge requests
 * that carried the key ({@code request_count}): grouping it by key finds nothing, whatever the
 * service did. What can go wrong is one request of a client charged under two gateway keys, or a
 * charge the service never recorded. In the fault tests every client key pays its own order
 * ({@code o-<key>}), so grouping by order groups by the client's key, and the invariants are:
 * <ul>
 *   <li>at most one approved charge per order (per client key), however many requests reached the gateway;</li>
 *   <li>per order, the amount the gateway approved equals the amount of the payments the service
 *       recorded as charged ({@code APPROVED}, or {@code REFUNDED} later);</li>
 *   <li>every approved charge is the charge of a recorded payment (its transaction id), and every
 *       payment's charge is at the gateway with its amount and outcome.</li>
 * </ul>
 * A service that sent one request's charge twice under two keys breaks all three (two approved
 * charges, twice the amount, one charge no payment names): {@code GatewayLedgerTest} shows it on
 * crafted rows.
 */
public final class GatewayLedger {

    /** A row of the simulator's ledger: one gateway key, and how many charge requests carried it. */
    public record Charge(String gatewayKey, String orderId, String transactionId, long amount, String status,
            int requests) {
    }

    /** A payment as the service recorded it. */
    public record Payment(String id, String orderId, String transactionId, long amount, String status) {
    }

    private final List<Charge> charges;
    private final List<Payment> payments;

    public GatewayLedger(List<Charge> charges, List<Payment> payments) {
        this.charges = List.copyOf(charges);
        this.payments = List.copyOf(payments);
    }

    /** The ledger rows and the payments of {@code orderIds}. */
    public static GatewayLedger read(DataSource dataSource, Collection<String> orderIds) {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection, orderIds);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the gateway ledger: " + e.getMessage(), e);
        }
    }

    /** The ledger rows and the payments of {@code orderIds}. */
    public static GatewayLedger read(Connection connection, Collection<String> orderIds) throws SQLException {
        Object[] orders = orderIds.toArray(String[]::new);
        List<Charge> charges = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT idempotency_key, order_id, transaction_id, amount, status, request_count
                FROM gateway_simulator.charge WHERE order_id = ANY (?)""")) {
            statement.setArray(1, connection.createArrayOf("varchar", orders));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    charges.add(new Charge(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                            rows.getString(5), rows.getInt(6)));
                }
            }
        }
        List<Payment> payments = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT id, order_id, gateway_transaction_id, amount, status
                FROM payment.payment WHERE order_id = ANY (?)""")) {
            statement.setArray(1, connection.createArrayOf("varchar", orders));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    payments.add(new Payment(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                            rows.getString(5)));
                }
            }
        }
        return new GatewayLedger(charges, payments);
    }

    /** Every broken invariant, one line each; empty when the gateway charged exactly what the service recorded. */
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        Map<String, List<Charge>> approvedByOrder = new TreeMap<>(charges.stream()
                .filter(charge -> charge.status().equals("APPROVED"))
                .collect(Collectors.groupingBy(Charge::orderId)));
        approvedByOrder.forEach((order, approved) -> {
            if (approved.size() > 1) {
                violations.add("order " + order + ": " + approved.size() + " approved charges at the gateway, under keys "
                        + approved.stream().map(Charge::gatewayKey).sorted().toList());
            }
        });
        Map<String, Long> recordedByOrder = payments.stream().filter(GatewayLedger::charged)
                .collect(Collectors.groupingBy(Payment::orderId, TreeMap::new, Collectors.summingLong(Payment::amount)));
        Set<String> orders = new java.util.TreeSet<>(approvedByOrder.keySet());
        orders.addAll(recordedByOrder.keySet());
        for (String order : orders) {
            long approved = approvedByOrder.getOrDefault(order, List.of()).stream().mapToLong(Charge::amount).sum();
            long recorded = recordedByOrder.getOrDefault(order, 0L);
            if (approved != recorded) {
                violations.add("order " + order + ": the gateway approved " + approved + ", the service recorded "
                        + recorded + " as charged");
            }
        }
        Map<String, Payment> paymentByTransaction = payments.stream()
                .collect(Collectors.toMap(Payment::transactionId, Function.identity(), (a, b) -> {
                    violations.add("transaction " + a.transactionId() + " recorded by two payments: " + a.id() + ", "
                            + b.id());
                    return a;
                }));
        for (Charge charge : charges) {
            if (charge.status().equals("APPROVED") && !paymentByTransaction.containsKey(charge.transactionId())) {
                violations.add("charge " + charge.transactionId() + " (key " + charge.gatewayKey() + ", order "
                        + charge.orderId() + ", " + charge.amount() + ") approved at the gateway, recorded by no payment");
            }
        }
        Map<String, Charge> chargeByTransaction = charges.stream()
                .collect(Collectors.toMap(Charge::transactionId, Function.identity()));
        for (Payment payment : payments) {
            Charge charge = chargeByTransaction.get(payment.transactionId());
            String expectedStatus = charged(payment) ? "APPROVED" : payment.status();
            if (charge == null) {
                violations.add("payment " + payment.id() + " (" + payment.status() + " " + payment.amount()
                        + "): its charge " + payment.transactionId() + " is not at the gateway");
            } else if (charge.amount() != payment.amount() || !charge.status().equals(expectedStatus)
                    || !charge.orderId().equals(payment.orderId())) {
                violations.add("payment " + payment.id() + " (" + payment.status() + " " + payment.amount() + " for "
                        + payment.orderId() + "): the gateway has " + charge.status() + " " + charge.amount() + " for "
                        + charge.orderId());
            }
        }
        return violations;
    }

    /** For the test output: orders, keys, requests that reached the gateway, approved charges, payments. */
    public String summary() {
        long orders = charges.stream().map(Charge::orderId).distinct().count();
        long requests = charges.stream().mapToLong(Charge::requests).sum();
        int mostRequests = charges.stream().mapToInt(Charge::requests).max().orElse(0);
        long approved = charges.stream().filter(charge -> charge.status().equals("APPROVED")).count();
        return orders + " orders charged under " + charges.size() + " gateway keys; " + requests
                + " charge requests reached the gateway (" + (requests - charges.size())
                + " deduplicated by key, at most " + mostRequests + " for one key); " + approved + " approved; "
                + payments.size() + " payments recorded";
    }

    private static boolean charged(Payment payment) {
        return payment.status().equals("APPROVED") || payment.status().equals("REFUNDED");
    }
}
