package dev.commerce.fullstack.order;

import static dev.commerce.fullstack.order.OrderTestSupport.body;
import static dev.commerce.fullstack.order.OrderTestSupport.eventually;
import static dev.commerce.fullstack.order.OrderTestSupport.newKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import dev.commerce.payment.ReconcilePaymentsUseCase;
import dev.commerce.payment.adapter.out.gateway.simulator.GatewayFaults;
import dev.commerce.payment.adapter.out.gateway.simulator.GatewaySimulator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * A charge whose answer was lost (the simulator times out after charging: {@code 504}) and that the
 * buyer never retries, settled by the payment reconciler (ADR 11): {@code PaymentSettled} reaches the
 * order, which becomes PAID with its reservation confirmed while it still awaits payment, or, once
 * expired, records the charge and has it refunded at the gateway. Reservations live 8 s, the order
 * sweep runs every 300 ms (the inventory's own sweep never in the test's time), the gateway's read
 * timeout is 1 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "commerce.inventory.reservation-lifetime=8s",
        "commerce.inventory.expiry-sweep-interval=1h",
        "commerce.order.expiry-sweep-interval=300ms",
        "commerce.order.payment-lease=1s",
        "commerce.payment.gateway.read-timeout=1s",
        "commerce.payment.idempotency-lease=30s"})
class OrderSettledChargeIT extends FullStackTest {

    private static final long BUYER = 7272;

    @Autowired
    GatewaySimulator simulator;

    @Autowired
    ReconcilePaymentsUseCase reconciler;

    @AfterEach
    void noFaults() {
        simulator.setFaults(GatewayFaults.none(simulator.faults().hangMillis()));
    }

    /** The next charge is made at the simulator but its answer is held past the client's read timeout. */
    private Response payWithLostAnswer(OrderTestSupport orders, String orderId) {
        simulator.setFaults(new GatewayFaults(0, 0, 0, 1, simulator.faults().hangMillis(), 0));
        Response answer = orders.pay(BUYER, orderId, newKey());
        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.code()).isEqualTo("GATEWAY_TIMEOUT");
        assertThat(orders.charges(orderId, "APPROVED")).as("charged at the gateway").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment.payment WHERE order_id = ?", Long.class, orderId))
                .as("but not recorded").isZero();
        return answer;
    }

    private void reconcile() {
        // settle every unknown outcome now, as the upkeep job would after reconcile-after
        reconciler.reconcile(Instant.now().plus(Duration.ofHours(1)), 1000);
    }

    private long settledPublications(String orderId) {
        return jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE event_type LIKE '%PaymentSettled'"
                + " AND serialized_event LIKE ? AND completion_date IS NOT NULL", Long.class, "%" + orderId + "%");
    }

    @Test
    void a_reconciled_charge_of_an_order_awaiting_payment_makes_it_paid_with_its_stock() {
        OrderTestSupport orders = new OrderTestSupport(port, jdbc);
        String sku = orders.product(5, 2_000);
        String orderId = orders.place(BUYER, newKey(), body(sku, 2)).json().path("id").asString();
        payWithLostAnswer(orders, orderId);
        assertThat(orders.orderStatus(orderId)).isEqualTo("AWAITING_PAYMENT");

        reconcile();

        eventually(() -> orders.orderStatus(orderId), "PAID");
        eventually(() -> orders.reservationStatus(orderId), "CONFIRMED");
        assertThat(orders.onHand(sku)).isEqualTo(3);
        assertThat(orders.reserved(sku)).isZero();
        assertThat(orders.charges(orderId, "APPROVED")).isEqualTo(1);
        String paymentId = jdbc.queryForObject("SELECT id FROM payment.payment WHERE order_id = ?", String.class,
                orderId);
        JsonNode order = orders.admin.as(BUYER).get("/api/v1/orders/" + orderId).json();
        assertThat(order.path("paymentId").asString()).isEqualTo(paymentId);
        assertThat(order.path("refund").isNull() || order.path("refund").isMissingNode()).isTrue();
        eventually(() -> settledPublications(orderId), 1L);
        // paying again charges nothing
        Response again = orders.pay(BUYER, orderId, newKey());
        assertThat(again.code()).isEqualTo("ORDER_NOT_PAYABLE");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM gateway_simulator.charge WHERE order_id = ?", Long.class,
                orderId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM gateway_simulator.refund r JOIN gateway_simulator.charge c"
                + " ON c.transaction_id = r.transaction_id WHERE c.order_id = ?", Long.class, orderId)).isZero();
        assertInvariantsHold();
    }

    @Test
    void a_reconciled_charge_of_an_expired_order_is_refunded_and_the_order_says_so() {
        OrderTestSupport orders = new OrderTestSupport(port, jdbc);
        String sku = orders.product(5, 2_000);
        String orderId = orders.place(BUYER, newKey(), body(sku, 1)).json().path("id").asString();
        payWithLostAnswer(orders, orderId);
        eventually(() -> orders.orderStatus(orderId), "EXPIRED");
        eventually(() -> orders.reserved(sku), 0L);

        reconcile();

        eventually(() -> orders.admin.as(BUYER).get("/api/v1/orders/" + orderId).json().path("refund")
                .path("status").asString(""), "REFUNDED");
        String paymentId = jdbc.queryForObject("SELECT id FROM payment.payment WHERE order_id = ?", String.class,
                orderId);
        JsonNode order = orders.admin.as(BUYER).get("/api/v1/orders/" + orderId).json();
        assertThat(order.path("status").asString()).isEqualTo("EXPIRED");
        assertThat(order.path("refund").path("paymentId").asString()).isEqualTo(paymentId);
        eventually(() -> jdbc.queryForObject("SELECT status FROM payment.payment WHERE id = ?", String.class, paymentId),
                "REFUNDED");
        String transactionId = jdbc.queryForObject("SELECT transaction_id FROM gateway_simulator.charge"
                + " WHERE order_id = ?", String.class, orderId);
        assertThat(jdbc.queryForObject("SELECT count(*) || ' ' || coalesce(sum(amount), 0)"
                + " FROM gateway_simulator.refund WHERE transaction_id = ?", String.class, transactionId))
                .isEqualTo("1 2000");
        assertThat(orders.onHand(sku)).isEqualTo(5);
        assertThat(orders.reservationStatus(orderId)).isIn("CANCELLED", "EXPIRED");
        eventually(() -> settledPublications(orderId), 1L);
        eventually(() -> jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE event_type LIKE"
                + " '%LateChargeRefundNeeded' AND serialized_event LIKE ? AND completion_date IS NOT NULL", Long.class,
                "%" + orderId + "%"), 1L);
        assertInvariantsHold();
    }
}
