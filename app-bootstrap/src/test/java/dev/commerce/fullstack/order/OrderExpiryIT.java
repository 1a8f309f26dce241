package dev.commerce.fullstack.order;

import static dev.commerce.fullstack.order.OrderTestSupport.body;
import static dev.commerce.fullstack.order.OrderTestSupport.eventually;
import static dev.commerce.fullstack.order.OrderTestSupport.newKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Orders expire: reservations live 4 s, the order sweep runs often, the inventory's own sweep never
 * in the test's time, so the stock (and the coupon) come back through {@code OrderExpired} and its listener.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "commerce.inventory.reservation-lifetime=4s",
        "commerce.inventory.expiry-sweep-interval=1h",
        "commerce.order.expiry-sweep-interval=300ms",
        "commerce.order.payment-lease=1s"})
class OrderExpiryIT extends FullStackTest {

    private static final long BUYER = 7070;

    @Test
    void an_unpaid_order_expires_releasing_its_stock_and_coupon_and_a_paid_one_stays_paid() {
        OrderTestSupport orders = new OrderTestSupport(port, jdbc);
        String sku = orders.product(5, 2_000);
        String coupon = orders.couponFor(BUYER, 500);
        String unpaid = orders.place(BUYER, newKey(), OrderTestSupport.withCoupon(sku, 2, coupon)).json().path("id")
                .asString();
        assertThat(orders.copy(BUYER, coupon)).isEqualTo("REDEEMED " + unpaid);
        String paid = orders.place(BUYER, newKey(), body(sku, 1)).json().path("id").asString();
        assertThat(orders.pay(BUYER, paid, newKey()).status()).isEqualTo(201);

        eventually(() -> orders.orderStatus(unpaid), "EXPIRED");
        eventually(() -> orders.reserved(sku), 0L);
        eventually(() -> orders.copy(BUYER, coupon), "ISSUED null");

        assertThat(orders.reservationStatus(unpaid)).isIn("CANCELLED", "EXPIRED");
        assertThat(orders.orderStatus(paid)).isEqualTo("PAID");
        assertThat(orders.reservationStatus(paid)).isEqualTo("CONFIRMED");
        assertThat(orders.onHand(sku)).isEqualTo(4);
        assertThat(orders.pay(BUYER, unpaid, newKey()).code()).isEqualTo("ORDER_NOT_PAYABLE");
        assertThat(orders.cancel(BUYER, unpaid).code()).isEqualTo("ORDER_NOT_CANCELLABLE");
        assertThat(orders.charges(unpaid, "APPROVED")).isZero();
        // the event went through the publication registry and its listener completed it
        eventually(() -> jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE event_type LIKE '%OrderExpired'"
                + " AND serialized_event LIKE ? AND completion_date IS NOT NULL", Long.class, "%" + unpaid + "%"), 1L);
        assertInvariantsHold();
    }
}
