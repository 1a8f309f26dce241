package dev.commerce.fullstack.order;

import static dev.commerce.fullstack.order.OrderTestSupport.body;
import static dev.commerce.fullstack.order.OrderTestSupport.eventually;
import static dev.commerce.fullstack.order.OrderTestSupport.newKey;
import static dev.commerce.fullstack.order.OrderTestSupport.withCoupon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import dev.commerce.fullstack.FullStackTest.InvariantsCheckedAfterEachTest;
import dev.commerce.order.application.port.StockReservations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The orders contract of API.md end to end: real HTTP, PostgreSQL, the gateway simulator, module events. */
@InvariantsCheckedAfterEachTest
class OrderApiIT extends FullStackTest {

    private static final long BUYER = 4242;
    private static final long OTHER_BUYER = 4343;

    @Autowired
    StockReservations stockReservations;

    private OrderTestSupport orders;

    @BeforeEach
    void setUp() {
        orders = new OrderTestSupport(port, jdbc);
    }

    @Test
    void place_read_and_pay_round_trip_with_the_truth_in_the_database() {
        String sku = orders.product(10, 15_000);

        Response placed = orders.place(BUYER, newKey(), body(sku, 2));

        assertThat(placed.status()).isEqualTo(201);
        JsonNode order = placed.json();
        String id = order.path("id").asString();
        assertThat(placed.header("Location")).endsWith("/api/v1/orders/" + id);
        assertThat(order.path("userId").asLong()).isEqualTo(BUYER);
        assertThat(order.path("status").asString()).isEqualTo("AWAITING_PAYMENT");
        assertThat(order.path("lines").get(0).path("unitPrice").asLong()).isEqualTo(15_000);
        assertThat(order.path("subtotal").asLong()).isEqualTo(30_000);
        assertThat(order.path("discount").asLong()).isZero();
        assertThat(order.path("total").asLong()).isEqualTo(30_000);
        assertThat(order.path("currency").asString()).isEqualTo("KRW");
        assertThat(order.path("couponId").isNull()).isTrue();
        assertThat(order.path("paymentId").isNull()).isTrue();
        assertThat(order.path("reservationId").asString()).isNotBlank();
        assertThat(order.path("expiresAt").asString()).isNotBlank();
        assertThat(orders.orderStatus(id)).isEqualTo("AWAITING_PAYMENT");
        assertThat(orders.reservationStatus(id)).isEqualTo("PENDING");
        assertThat(orders.reserved(sku)).isEqualTo(2);

        assertThat(orders.admin.as(BUYER).get("/api/v1/orders/" + id).json()).isEqualTo(order);
        assertThat(orders.admin.get("/api/v1/orders/" + id).status()).as("an administrator sees all").isEqualTo(200);
        Response foreign = orders.admin.as(OTHER_BUYER).get("/api/v1/orders/" + id);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("ORDER_NOT_FOUND");
        assertThat(orders.pay(OTHER_BUYER, id, newKey()).code()).isEqualTo("ORDER_NOT_FOUND");
        assertThat(orders.cancel(OTHER_BUYER, id).code()).isEqualTo("ORDER_NOT_FOUND");

        Response paid = orders.pay(BUYER, id, newKey());

        assertThat(paid.status()).isEqualTo(201);
        assertThat(paid.json().path("status").asString()).isEqualTo("PAID");
        String paymentId = paid.json().path("paymentId").asString();
        assertThat(orders.orderStatus(id)).isEqualTo("PAID");
        assertThat(jdbc.queryForObject("SELECT amount FROM payment.payment WHERE id = ? AND status = 'APPROVED'",
                Long.class, paymentId)).isEqualTo(30_000);
        assertThat(orders.charges(id, "APPROVED")).isEqualTo(1);
        eventually(() -> orders.reservationStatus(id), "CONFIRMED");
        assertThat(orders.onHand(sku)).isEqualTo(8);
        assertThat(orders.reserved(sku)).isZero();
        // OrderPaid went through the event publication registry, stored with the order's change, then completed
        eventually(() -> jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE event_type LIKE '%OrderPaid'"
                + " AND serialized_event LIKE ? AND completion_date IS NOT NULL", Long.class, "%" + id + "%"), 1L);
        // a second delivery of the event changes nothing: confirming a confirmed reservation is done
        String reservationId = order.path("reservationId").asString();
        stockReservations.confirm(BUYER, reservationId);
        stockReservations.release(BUYER, reservationId);
        assertThat(orders.onHand(sku)).isEqualTo(8);
        assertThat(orders.reservationStatus(id)).isEqualTo("CONFIRMED");

        Response again = orders.pay(BUYER, id, newKey());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("ORDER_NOT_PAYABLE");
        assertThat(orders.charges(id, "APPROVED")).isEqualTo(1);
    }

    @Test
    void cancelling_gives_the_stock_back_and_the_order_can_then_be_neither_cancelled_nor_paid() {
        String sku = orders.product(5, 1_000);
        String id = orders.place(BUYER, newKey(), body(sku, 3)).json().path("id").asString();

        Response cancelled = orders.cancel(BUYER, id);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("CANCELLED");
        assertThat(orders.orderStatus(id)).isEqualTo("CANCELLED");
        eventually(() -> orders.reserved(sku), 0L);
        assertThat(orders.reservationStatus(id)).isEqualTo("CANCELLED");
        assertThat(orders.cancel(BUYER, id).code()).isEqualTo("ORDER_NOT_CANCELLABLE");
        assertThat(orders.pay(BUYER, id, newKey()).code()).isEqualTo("ORDER_NOT_PAYABLE");
        assertThat(orders.charges(id, "APPROVED") + orders.charges(id, "DECLINED")).isZero();
        assertThat(orders.onHand(sku)).isEqualTo(5);
    }

    @Test
    void a_declined_payment_keeps_the_order_payable_until_it_is_cancelled() {
        String sku = orders.product(2, 6_000_000);
        String id = orders.place(BUYER, newKey(), body(sku, 1)).json().path("id").asString();

        Response declined = orders.pay(BUYER, id, newKey());
        Response declinedAgain = orders.pay(BUYER, id, newKey());

        assertThat(declined.status()).isEqualTo(402);
        assertThat(declined.code()).isEqualTo("PAYMENT_DECLINED");
        assertThat(declinedAgain.status()).as("a new key is a new attempt").isEqualTo(402);
        assertThat(orders.orderStatus(id)).isEqualTo("AWAITING_PAYMENT");
        assertThat(orders.charges(id, "DECLINED")).isEqualTo(2);
        assertThat(orders.charges(id, "APPROVED")).isZero();
        assertThat(orders.reserved(sku)).isEqualTo(1);
        assertThat(orders.cancel(BUYER, id).status()).isEqualTo(200);
        eventually(() -> orders.reserved(sku), 0L);
    }

    @Test
    void the_same_key_replays_the_first_answer_another_body_is_422_and_keys_belong_to_their_user() {
        String sku = orders.product(10, 700);
        String key = newKey();

        Response first = orders.place(BUYER, key, body(sku, 2));
        Response replay = orders.place(BUYER, key, body(sku, 2));
        Response reused = orders.place(BUYER, key, body(sku, 3));
        Response otherUser = orders.place(OTHER_BUYER, key, body(sku, 2));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json()).isEqualTo(first.json());
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(otherUser.status()).isEqualTo(201);
        assertThat(otherUser.header("Idempotent-Replayed")).isNull();
        assertThat(orders.reserved(sku)).as("two orders, not three").isEqualTo(4);

        String id = first.json().path("id").asString();
        String payKey = newKey();
        Response paid = orders.pay(BUYER, id, payKey);
        Response paidAgain = orders.pay(BUYER, id, payKey);
        assertThat(paid.status()).isEqualTo(201);
        assertThat(paidAgain.status()).isEqualTo(201);
        assertThat(paidAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(paidAgain.json()).isEqualTo(paid.json());
        assertThat(orders.charges(id, "APPROVED")).isEqualTo(1);
        eventually(() -> orders.reservationStatus(id), "CONFIRMED");

        String otherId = otherUser.json().path("id").asString();
        assertThat(orders.cancel(OTHER_BUYER, otherId).status()).isEqualTo(200);
        eventually(() -> orders.reserved(sku), 0L);
    }

    @Test
    void refused_orders_reserve_nothing() {
        long buyer = 4444;
        String sku = orders.product(3, 1_000);
        String usd = orders.product(3, 10, "USD");
        String unpriced = "ord-unpriced-" + java.util.UUID.randomUUID();
        orders.admin.put("/api/v1/products/" + unpriced + "/stock", Map.of("onHand", 3));

        Map<String, Response> refusals = new java.util.LinkedHashMap<>();
        refusals.put("IDEMPOTENCY_KEY_MISSING", orders.place(buyer, null, body(sku, 1)));
        refusals.put("IDEMPOTENCY_KEY_INVALID", orders.place(buyer, "", body(sku, 1)));
        refusals.put("INVALID_REQUEST zero", orders.place(buyer, newKey(), body(sku, 0)));
        refusals.put("INVALID_REQUEST string quantity",
                orders.place(buyer, newKey(), Map.of("lines", List.of(Map.of("sku", sku, "quantity", "1")))));
        refusals.put("INVALID_REQUEST no lines", orders.place(buyer, newKey(), Map.of("lines", List.of())));
        refusals.put("INVALID_REQUEST unknown field",
                orders.place(buyer, newKey(), Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)), "total", 1)));
        refusals.put("INVALID_REQUEST malformed", orders.place(buyer, newKey(), "{\"lines\": ["));
        refusals.put("INVALID_REQUEST two currencies", orders.place(buyer, newKey(),
                Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1), Map.of("sku", usd, "quantity", 1)))));
        refusals.put("PRODUCT_NOT_FOUND", orders.place(buyer, newKey(), body("ord-absent-" + sku, 1)));
        refusals.put("PRICE_NOT_SET", orders.place(buyer, newKey(), body(unpriced, 1)));
        refusals.put("INSUFFICIENT_STOCK", orders.place(buyer, newKey(), body(sku, 4)));
        refusals.put("COUPON_NOT_HELD", orders.place(buyer, newKey(),
                Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)), "couponId", "no-such-coupon")));

        refusals.forEach((expected, response) -> {
            assertThat(response.status()).as(expected).isBetween(400, 499);
            assertThat(response.code()).as(expected).isEqualTo(expected.split(" ")[0]);
        });
        assertThat(refusals.get("PRODUCT_NOT_FOUND").status()).isEqualTo(404);
        assertThat(refusals.get("PRICE_NOT_SET").status()).isEqualTo(409);
        assertThat(refusals.get("INSUFFICIENT_STOCK").status()).isEqualTo(409);
        assertThat(refusals.get("COUPON_NOT_HELD").status()).isEqualTo(409);
        assertThat(orders.reserved(sku)).isZero();
        assertThat(orders.reserved(usd)).isZero();
        assertThat(orders.ordersOf(buyer)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inventory.reservation r JOIN inventory.reservation_line l"
                + " ON l.reservation_id = r.id WHERE l.sku = ? AND r.status = 'PENDING'", Long.class, sku)).isZero();
    }

    @Test
    void a_payment_without_a_key_or_with_a_body_is_400_and_charges_nothing() {
        String sku = orders.product(2, 500);
        String id = orders.place(BUYER, newKey(), body(sku, 1)).json().path("id").asString();

        assertThat(orders.pay(BUYER, id, null).code()).isEqualTo("IDEMPOTENCY_KEY_MISSING");
        Response withAmount = orders.admin.as(BUYER).send("POST", "/api/v1/orders/" + id + "/payment",
                "application/json", "{\"amount\": 1}", Map.of("Idempotency-Key", newKey()));
        assertThat(withAmount.status()).isEqualTo(400);
        assertThat(orders.charges(id, "APPROVED")).isZero();
        assertThat(orders.cancel(BUYER, id).status()).isEqualTo(200);
        eventually(() -> orders.reserved(sku), 0L);
    }

    @Test
    void a_coupon_is_redeemed_by_one_open_order_at_a_time_and_given_back_when_the_order_is_cancelled() {
        long buyer = 4545;
        String sku = orders.product(10, 10_000);
        String coupon = orders.couponFor(buyer, 3_000);

        Response placed = orders.place(buyer, newKey(), withCoupon(sku, 2, coupon));

        assertThat(placed.status()).isEqualTo(201);
        String id = placed.json().path("id").asString();
        assertThat(placed.json().path("subtotal").asLong()).isEqualTo(20_000);
        assertThat(placed.json().path("discount").asLong()).isEqualTo(3_000);
        assertThat(placed.json().path("total").asLong()).isEqualTo(17_000);
        assertThat(placed.json().path("couponId").asString()).isEqualTo(coupon);
        assertThat(orders.copy(buyer, coupon)).isEqualTo("REDEEMED " + id);

        Response second = orders.place(buyer, newKey(), withCoupon(sku, 1, coupon));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("COUPON_ALREADY_REDEEMED");
        assertThat(orders.reserved(sku)).as("the second order's reservation was released").isEqualTo(2);
        Response notHeld = orders.place(OTHER_BUYER, newKey(), withCoupon(sku, 1, coupon));
        assertThat(notHeld.code()).isEqualTo("COUPON_NOT_HELD");

        assertThat(orders.cancel(buyer, id).status()).isEqualTo(200);
        eventually(() -> orders.copy(buyer, coupon), "ISSUED null");
        eventually(() -> orders.reserved(sku), 0L);

        Response again = orders.place(buyer, newKey(), withCoupon(sku, 1, coupon));
        assertThat(again.status()).as("usable again").isEqualTo(201);
        String againId = again.json().path("id").asString();
        Response paid = orders.pay(buyer, againId, newKey());
        assertThat(paid.status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT amount FROM payment.payment WHERE id = ?", Long.class,
                paid.json().path("paymentId").asString())).isEqualTo(7_000);
        eventually(() -> orders.reservationStatus(againId), "CONFIRMED");
        assertThat(orders.copy(buyer, coupon)).isEqualTo("REDEEMED " + againId);
    }

    @Test
    void a_discount_above_the_subtotal_makes_a_total_of_zero_paid_without_the_gateway() {
        long buyer = 4646;
        String sku = orders.product(3, 1_000);
        String coupon = orders.couponFor(buyer, 5_000);

        Response placed = orders.place(buyer, newKey(), withCoupon(sku, 2, coupon));

        assertThat(placed.json().path("discount").asLong()).isEqualTo(2_000);
        assertThat(placed.json().path("total").asLong()).isZero();
        String id = placed.json().path("id").asString();
        Response paid = orders.pay(buyer, id, newKey());
        assertThat(paid.status()).isEqualTo(201);
        assertThat(paid.json().path("status").asString()).isEqualTo("PAID");
        assertThat(paid.json().path("paymentId").isNull()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM gateway_simulator.charge WHERE order_id = ?", Long.class, id))
                .isZero();
        eventually(() -> orders.reservationStatus(id), "CONFIRMED");
    }
}
