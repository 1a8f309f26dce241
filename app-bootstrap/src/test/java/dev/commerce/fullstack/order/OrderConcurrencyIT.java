package dev.commerce.fullstack.order;

import static dev.commerce.fullstack.order.OrderTestSupport.body;
import static dev.commerce.fullstack.order.OrderTestSupport.eventually;
import static dev.commerce.fullstack.order.OrderTestSupport.newKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import dev.commerce.fullstack.FullStackTest.InvariantsCheckedAfterEachTest;
import dev.commerce.testing.ConcurrentRun;
import dev.commerce.payment.adapter.out.gateway.simulator.GatewayFaults;
import dev.commerce.payment.adapter.out.gateway.simulator.GatewaySimulator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Checkout under contention: every thread released at once, outcomes counted, totals read from the database. */
@InvariantsCheckedAfterEachTest
class OrderConcurrencyIT extends FullStackTest {

    @Autowired
    GatewaySimulator simulator;

    private OrderTestSupport orders;

    @BeforeEach
    void setUp() {
        orders = new OrderTestSupport(port, jdbc);
    }

    @AfterEach
    void resetFaults() {
        simulator.setFaults(GatewayFaults.none(simulator.faults().hangMillis()));
    }

    @Test
    void ninety_buyers_for_thirty_units_then_all_thirty_pay_at_once() throws Exception {
        String sku = orders.product(30, 1_200);
        Map<Integer, String> placed = new ConcurrentHashMap<>();

        Map<String, Integer> placing = count(ConcurrentRun.results(90, i -> {
            Response response = orders.place(50_000 + i, newKey(), body(sku, 1));
            if (response.status() == 201) {
                placed.put(i, response.json().path("id").asString());
            }
            return outcome(response);
        }));

        assertThat(placing).isEqualTo(Map.of(OK, 30, "INSUFFICIENT_STOCK", 60));
        assertThat(orders.reserved(sku)).isEqualTo(30);
        List<Map.Entry<Integer, String>> winners = List.copyOf(placed.entrySet());

        Map<String, Integer> paying = count(ConcurrentRun.results(winners.size(), i ->
                outcome(orders.pay(50_000 + winners.get(i).getKey(), winners.get(i).getValue(), newKey()))));

        assertThat(paying).isEqualTo(Map.of(OK, 30));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders.\"order\" o JOIN orders.order_line l"
                + " ON l.order_id = o.id WHERE l.sku = ? AND o.status = 'PAID'", Long.class, sku)).isEqualTo(30);
        eventually(() -> orders.onHand(sku), 0L);
        assertThat(orders.reserved(sku)).isZero();
        for (Map.Entry<Integer, String> winner : winners) {
            assertThat(orders.charges(winner.getValue(), "APPROVED")).isEqualTo(1);
        }
    }

    @Test
    void ten_concurrent_payments_of_one_order_with_ten_keys_charge_once() throws Exception {
        long buyer = 60_001;
        String sku = orders.product(1, 9_900);
        String id = orders.place(buyer, newKey(), body(sku, 1)).json().path("id").asString();
        // a slow gateway keeps the first payment in flight while the others arrive
        simulator.setFaults(new GatewayFaults(500, 0, 0, 0, simulator.faults().hangMillis(), 0));

        Map<String, Integer> outcomes = count(ConcurrentRun.results(10, i -> outcome(orders.pay(buyer, id, newKey()))));

        assertThat(outcomes.get(OK)).isEqualTo(1);
        assertThat(outcomes.keySet()).isSubsetOf(OK, "IDEMPOTENCY_REQUEST_IN_PROGRESS",
                "ORDER_NOT_PAYABLE");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM gateway_simulator.charge WHERE order_id = ?", Long.class, id))
                .isEqualTo(1);
        assertThat(orders.orderStatus(id)).isEqualTo("PAID");
        eventually(() -> orders.reservationStatus(id), "CONFIRMED");
        assertThat(orders.onHand(sku)).isZero();
    }

    @Test
    void ten_concurrent_orders_of_one_buyer_naming_one_coupon_redeem_it_once_and_the_other_nine_reserve_nothing()
            throws Exception {
        long buyer = 60_101;
        String sku = orders.product(100, 5_000);
        String coupon = orders.couponFor(buyer, 1_000);
        Map<Integer, String> placed = new ConcurrentHashMap<>();

        Map<String, Integer> outcomes = count(ConcurrentRun.results(10, i -> {
            Response response = orders.place(buyer, newKey(), OrderTestSupport.withCoupon(sku, 2, coupon));
            if (response.status() == 201) {
                placed.put(i, response.json().path("id").asString());
            }
            return outcome(response);
        }));

        assertThat(outcomes).isEqualTo(Map.of(OK, 1, "COUPON_ALREADY_REDEEMED", 9));
        String winner = placed.values().iterator().next();
        assertThat(orders.copy(buyer, coupon)).isEqualTo("REDEEMED " + winner);
        // the nine refusals gave back the stock they had reserved before the coupon refused them
        eventually(() -> orders.reserved(sku), 2L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inventory.reservation r JOIN inventory.reservation_line l"
                + " ON l.reservation_id = r.id WHERE l.sku = ? AND r.status = 'PENDING'", Long.class, sku)).isEqualTo(1);
        assertThat(orders.ordersOf(buyer)).isEqualTo(1);
    }

    @Test
    void a_cancel_racing_payments_leaves_either_a_paid_or_a_cancelled_order_never_both() throws Exception {
        long buyer = 60_002;
        String sku = orders.product(1, 3_000);
        String id = orders.place(buyer, newKey(), body(sku, 1)).json().path("id").asString();
        simulator.setFaults(new GatewayFaults(200, 0, 0, 0, simulator.faults().hangMillis(), 0));

        Map<String, Integer> outcomes = count(ConcurrentRun.results(6, i ->
                outcome(i == 0 ? orders.cancel(buyer, id) : orders.pay(buyer, id, newKey()))));

        String status = orders.orderStatus(id);
        assertThat(status).isIn("PAID", "CANCELLED");
        assertThat(outcomes.get(OK)).isEqualTo(1);
        assertThat(orders.charges(id, "APPROVED")).isEqualTo(status.equals("PAID") ? 1 : 0);
        eventually(() -> orders.reservationStatus(id), status.equals("PAID") ? "CONFIRMED" : "CANCELLED");
    }

    private static final String OK = "OK";

    private static Map<String, Integer> count(List<String> outcomes) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        outcomes.forEach(outcome -> counts.merge(outcome, 1, Integer::sum));
        return counts;
    }

    private static String outcome(Response response) {
        return response.status() < 300 ? OK : response.code();
    }
}
