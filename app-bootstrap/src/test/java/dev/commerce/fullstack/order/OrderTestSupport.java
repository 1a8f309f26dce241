package dev.commerce.fullstack.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient;
import dev.commerce.fullstack.ApiClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;

/** Orders over HTTP and their truth in the database, for the order ITs. */
final class OrderTestSupport {

    final ApiClient admin;
    final JdbcTemplate jdbc;

    OrderTestSupport(int port, JdbcTemplate jdbc) {
        this.admin = new ApiClient(port);
        this.jdbc = jdbc;
    }

    static String newKey() {
        return "order-it-" + UUID.randomUUID();
    }

    /** A new SKU with {@code onHand} units at {@code price} in {@code currency}. */
    String product(int onHand, long price, String currency) {
        String sku = "ord-" + UUID.randomUUID();
        assertThat(admin.put("/api/v1/products/" + sku + "/stock", Map.of("onHand", onHand)).status()).isEqualTo(200);
        assertThat(admin.put("/api/v1/products/" + sku + "/price", Map.of("price", price, "currency", currency)).status())
                .isEqualTo(200);
        return sku;
    }

    String product(int onHand, long price) {
        return product(onHand, price, "KRW");
    }

    /** A coupon taking {@code discount} off, issued to {@code userId}. */
    String couponFor(long userId, long discount) {
        Response created = admin.post("/api/v1/coupons",
                Map.of("name", "ORDER-IT", "totalQuantity", 10, "discount", discount));
        assertThat(created.status()).isEqualTo(201);
        String couponId = created.json().path("id").asString();
        assertThat(admin.as(userId).post("/api/v1/coupons/" + couponId + "/issues", Map.of()).status()).isEqualTo(201);
        return couponId;
    }

    /** The status of the user's copy of the coupon and the order it is redeemed for ("ISSUED null"). */
    String copy(long userId, String couponId) {
        return jdbc.queryForObject("SELECT status || ' ' || coalesce(order_id, 'null') FROM coupon.issued_coupon"
                + " WHERE coupon_id = ? AND user_id = ?", String.class, couponId, userId);
    }

    static Map<String, Object> withCoupon(String sku, int quantity, String couponId) {
        return Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity)), "couponId", couponId);
    }

    static Map<String, Object> body(String sku, int quantity) {
        return Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity)));
    }

    Response place(long userId, String key, Object body) {
        String json = body instanceof String text ? text : ApiClient.JSON.writeValueAsString(body);
        return admin.as(userId).send("POST", "/api/v1/orders", "application/json", json,
                key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    Response pay(long userId, String orderId, String key) {
        return admin.as(userId).send("POST", "/api/v1/orders/" + orderId + "/payment", "application/json", "{}",
                key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    Response cancel(long userId, String orderId) {
        return admin.as(userId).send("POST", "/api/v1/orders/" + orderId + "/cancel", "application/json", "{}", Map.of());
    }

    String orderStatus(String orderId) {
        return jdbc.queryForObject("SELECT status FROM orders.\"order\" WHERE id = ?", String.class, orderId);
    }

    String reservationStatus(String orderId) {
        return jdbc.queryForObject("SELECT r.status FROM inventory.reservation r JOIN orders.\"order\" o"
                + " ON o.reservation_id = r.id WHERE o.id = ?", String.class, orderId);
    }

    long onHand(String sku) {
        return jdbc.queryForObject("SELECT on_hand FROM inventory.stock WHERE sku = ?", Long.class, sku);
    }

    long reserved(String sku) {
        return jdbc.queryForObject("SELECT reserved FROM inventory.stock WHERE sku = ?", Long.class, sku);
    }

    long charges(String orderId, String status) {
        return jdbc.queryForObject("SELECT count(*) FROM gateway_simulator.charge WHERE order_id = ? AND status = ?",
                Long.class, orderId, status);
    }

    long ordersOf(long userId) {
        return jdbc.queryForObject("SELECT count(*) FROM orders.\"order\" WHERE user_id = ?", Long.class, userId);
    }

    /** Waits for what an event listener does after the commit. */
    static <T> void eventually(Supplier<T> actual, T expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        T last = actual.get();
        while (!expected.equals(last) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = actual.get();
        }
        assertThat(last).isEqualTo(expected);
    }
}
