package dev.commerce.fullstack.order;

import static dev.commerce.fullstack.order.OrderTestSupport.body;
import static dev.commerce.fullstack.order.OrderTestSupport.eventually;
import static dev.commerce.fullstack.order.OrderTestSupport.newKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import dev.commerce.payment.adapter.out.gateway.simulator.GatewayFaults;
import dev.commerce.payment.adapter.out.gateway.simulator.GatewaySimulator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Expiry racing a payment in flight (ADR 11), decided both ways with the real gateway simulator:
 * reservations live 4 s, the payment lease is 1 s, the order sweep runs every 300 ms (the
 * inventory's own sweep never in the test's time). A charge the simulator holds 5.5 s lands after
 * the order expired: the order stays EXPIRED, its stock and coupon are back, the charge is refunded
 * at the gateway and the order says so. A charge that lands within the lease makes the order PAID
 * with its stock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "commerce.inventory.reservation-lifetime=4s",
        "commerce.inventory.expiry-sweep-interval=1h",
        "commerce.order.expiry-sweep-interval=300ms",
        "commerce.order.payment-lease=1s",
        // the held charge must be answered, not timed out: the read timeout is above the latency
        "commerce.payment.gateway.read-timeout=10s",
        "commerce.payment.idempotency-lease=30s"})
class OrderLateChargeRefundIT extends FullStackTest {

    private static final long BUYER = 7171;

    @Autowired
    GatewaySimulator simulator;

    @AfterEach
    void noFaults() {
        simulator.setFaults(GatewayFaults.none(simulator.faults().hangMillis()));
    }

    private void latency(long millis) {
        simulator.setFaults(new GatewayFaults(millis, 0, 0, 0, simulator.faults().hangMillis(), 0));
    }

    @Test
    void a_charge_that_lands_after_the_order_expired_is_refunded_and_the_order_keeps_no_stock_coupon_or_charge()
            throws Exception {
        OrderTestSupport orders = new OrderTestSupport(port, jdbc);
        String sku = orders.product(5, 2_000);
        String coupon = orders.couponFor(BUYER, 500);
        String orderId = orders.place(BUYER, newKey(), OrderTestSupport.withCoupon(sku, 2, coupon)).json().path("id")
                .asString();
        assertThat(orders.reserved(sku)).isEqualTo(2);

        long chargesBefore = simulator.chargeRequestsReceived();
        latency(5_500);
        CompletableFuture<Response> payment = CompletableFuture.supplyAsync(() -> orders.pay(BUYER, orderId, newKey()));
        // once the charge request is at the simulator it is held 5.5 s; the refund need not wait as long
        eventually(() -> simulator.chargeRequestsReceived() > chargesBefore, true);
        latency(0);
        eventually(() -> orders.orderStatus(orderId), "EXPIRED");
        Response answer = payment.get(30, TimeUnit.SECONDS);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.code()).isEqualTo("ORDER_NOT_PAYABLE");
        assertThat(answer.json().path("detail").asString()).contains("refunded");
        // one approved charge of the order's total (net of the coupon), refunded in full at the gateway
        assertThat(orders.charges(orderId, "APPROVED")).isEqualTo(1);
        String transactionId = jdbc.queryForObject("SELECT transaction_id FROM gateway_simulator.charge"
                + " WHERE order_id = ?", String.class, orderId);
        eventually(() -> jdbc.queryForObject("SELECT count(*) || ' ' || coalesce(sum(amount), 0)"
                + " FROM gateway_simulator.refund WHERE transaction_id = ?", String.class, transactionId), "1 3500");
        String paymentId = jdbc.queryForObject("SELECT id FROM payment.payment WHERE gateway_transaction_id = ?",
                String.class, transactionId);
        eventually(() -> jdbc.queryForObject("SELECT status FROM payment.payment WHERE id = ?", String.class, paymentId),
                "REFUNDED");
        // the order says so
        eventually(() -> orders.admin.as(BUYER).get("/api/v1/orders/" + orderId).json().path("refund")
                .path("status").asString(""), "REFUNDED");
        JsonNode order = orders.admin.as(BUYER).get("/api/v1/orders/" + orderId).json();
        assertThat(order.path("status").asString()).isEqualTo("EXPIRED");
        assertThat(order.path("refund").path("paymentId").asString()).isEqualTo(paymentId);
        // stock and coupon are back, nothing confirmed
        eventually(() -> orders.reserved(sku), 0L);
        assertThat(orders.onHand(sku)).isEqualTo(5);
        assertThat(orders.reservationStatus(orderId)).isIn("CANCELLED", "EXPIRED");
        eventually(() -> orders.copy(BUYER, coupon), "ISSUED null");
        // the refund travelled through the publication registry, and its listener completed
        eventually(() -> jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE event_type LIKE"
                + " '%LateChargeRefundNeeded' AND serialized_event LIKE ? AND completion_date IS NOT NULL", Long.class,
                "%" + orderId + "%"), 1L);
        // paying again is refused, charges nothing and says the late charge was refunded
        Response again = orders.pay(BUYER, orderId, newKey());
        assertThat(again.code()).isEqualTo("ORDER_NOT_PAYABLE");
        assertThat(again.json().path("detail").asString()).contains("refunded");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM gateway_simulator.charge WHERE order_id = ?", Long.class,
                orderId)).isEqualTo(1);
        assertInvariantsHold();
    }

    @Test
    void a_charge_that_lands_within_the_lease_makes_the_order_paid_with_its_stock() {
        OrderTestSupport orders = new OrderTestSupport(port, jdbc);
        String sku = orders.product(5, 2_000);
        String orderId = orders.place(BUYER, newKey(), body(sku, 1)).json().path("id").asString();

        latency(300);
        Response answer = orders.pay(BUYER, orderId, newKey());

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().path("status").asString()).isEqualTo("PAID");
        eventually(() -> orders.reservationStatus(orderId), "CONFIRMED");
        assertThat(orders.onHand(sku)).isEqualTo(4);
        assertThat(orders.reserved(sku)).isZero();
        assertThat(orders.charges(orderId, "APPROVED")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM gateway_simulator.refund r JOIN gateway_simulator.charge c"
                + " ON c.transaction_id = r.transaction_id WHERE c.order_id = ?", Long.class, orderId)).isZero();
        assertThat(orders.admin.as(BUYER).get("/api/v1/orders/" + orderId).json().path("refund").isNull()
                || orders.admin.as(BUYER).get("/api/v1/orders/" + orderId).json().path("refund").isMissingNode()).isTrue();
        // it stays paid past its expiry
        eventually(() -> orders.orderStatus(orderId), "PAID");
        assertInvariantsHold();
    }
}
