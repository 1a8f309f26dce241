package dev.commerce.fullstack.coupon;

import static dev.commerce.fullstack.coupon.CouponFixtures.issue;
import static dev.commerce.fullstack.coupon.CouponFixtures.newCoupon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.coupon.RedeemCouponCommand;
import dev.commerce.coupon.RedeemCouponUseCase;
import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Coupons section of the HTTP contract, call by call. */
class CouponApiIT extends FullStackTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.redisson.api.RedissonClient redisson;

    @org.springframework.beans.factory.annotation.Autowired
    RedeemCouponUseCase redeemCoupon;

    @Test
    void creates_reads_issues_and_lists_coupons() {
        Response created = api.post("/api/v1/coupons", Map.of("name", "WELCOME", "totalQuantity", 2, "discount", 3000));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.header("Location")).endsWith("/api/v1/coupons/" + id);
        assertThat(created.json().path("remaining").asInt()).isEqualTo(2);
        assertThat(created.json().path("discount").asLong()).isEqualTo(3000);

        Response issued = issue(api, id, 42);
        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.json().path("couponId").asString()).isEqualTo(id);
        assertThat(issued.json().path("userId").asLong()).isEqualTo(42);
        assertThat(issued.json().path("issuedAt").asString()).isNotBlank();
        assertThat(issued.json().path("status").asString()).isEqualTo("ISSUED");
        assertThat(issued.json().has("orderId")).as("orderId is present, as null").isTrue();
        assertThat(issued.json().path("orderId").isNull()).isTrue();

        Response coupon = api.get("/api/v1/coupons/" + id);
        assertThat(coupon.status()).isEqualTo(200);
        assertThat(coupon.json().path("issuedQuantity").asInt()).isEqualTo(1);
        assertThat(coupon.json().path("remaining").asInt()).isEqualTo(1);
        assertThat(coupon.json().path("totalQuantity").asInt()).isEqualTo(2);
        assertThat(coupon.json().path("name").asString()).isEqualTo("WELCOME");
        assertThat(coupon.json().path("discount").asLong()).isEqualTo(3000);

        assertThat(issue(api, id, 42).code()).isEqualTo("COUPON_ALREADY_ISSUED");
        assertThat(issue(api, id, 43).status()).isEqualTo(201);
        Response soldOut = issue(api, id, 44);
        assertThat(soldOut.status()).isEqualTo(409);
        assertThat(soldOut.code()).isEqualTo("COUPON_SOLD_OUT");

        Response mine = api.get("/api/v1/users/42/coupons");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().valueStream().filter(n -> n.path("couponId").asString().equals(id)).toList())
                .singleElement().satisfies(copy -> {
                    assertThat(copy.path("id").asString()).isEqualTo(issued.json().path("id").asString());
                    assertThat(copy.path("status").asString()).isEqualTo("ISSUED");
                    assertThat(copy.has("orderId") && copy.path("orderId").isNull()).isTrue();
                });
    }

    @Test
    void a_discount_is_optional_zero_by_default_and_bounded() {
        Response plain = api.post("/api/v1/coupons", Map.of("name", "PLAIN", "totalQuantity", 1));
        assertThat(plain.status()).isEqualTo(201);
        assertThat(plain.json().path("discount").asLong()).isZero();
        Response nullDiscount = api.post("/api/v1/coupons", "{\"name\": \"N\", \"totalQuantity\": 1, \"discount\": null}");
        assertThat(nullDiscount.status()).isEqualTo(201);
        assertThat(nullDiscount.json().path("discount").asLong()).isZero();
        Response largest = api.post("/api/v1/coupons", Map.of("name", "BIG", "totalQuantity", 1,
                "discount", 1_000_000_000_000L));
        assertThat(largest.status()).isEqualTo(201);
        assertThat(api.get("/api/v1/coupons/" + largest.json().path("id").asString()).json().path("discount").asLong())
                .isEqualTo(1_000_000_000_000L);

        for (String discount : new String[] {"-1", "1000000000001", "1.5", "\"3000\"", "\"\"", "true"}) {
            assertThat(api.post("/api/v1/coupons", "{\"name\": \"W\", \"totalQuantity\": 1, \"discount\": " + discount
                    + "}").code()).as("discount " + discount).isEqualTo("INVALID_REQUEST");
        }
    }

    @Test
    void the_listing_shows_a_redeemed_copy_with_its_order() {
        String id = newCoupon(api, 1);
        Response issued = issue(api, id, 4242);
        assertThat(issued.status()).isEqualTo(201);
        redeemCoupon.redeem(new RedeemCouponCommand(id, 4242, "api-order-" + id));

        Response mine = api.as(4242).get("/api/v1/users/4242/coupons");

        assertThat(mine.json().valueStream().filter(n -> n.path("couponId").asString().equals(id)).toList())
                .singleElement().satisfies(copy -> {
                    assertThat(copy.path("status").asString()).isEqualTo("REDEEMED");
                    assertThat(copy.path("orderId").asString()).isEqualTo("api-order-" + id);
                });
    }

    @Test
    void unknown_coupons_are_not_found() {
        assertThat(api.get("/api/v1/coupons/no-such-coupon").code()).isEqualTo("COUPON_NOT_FOUND");
        Response issue = issue(api, "no-such-coupon", 1);
        assertThat(issue.status()).isEqualTo(404);
        assertThat(issue.code()).isEqualTo("COUPON_NOT_FOUND");
    }

    @Test
    void malformed_requests_are_400_and_change_nothing() {
        String id = newCoupon(api, 5);
        assertThat(api.post("/api/v1/coupons", Map.of("name", "W", "totalQuantity", 0)).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/coupons", Map.of("name", " ", "totalQuantity", 3)).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/coupons", Map.of("name", "W")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/coupons", "{\"name\": \"W\", \"totalQuantity\": \"x\"}").status()).isEqualTo(400);
        // an administrator may name the user; a user id that is not positive is malformed
        assertThat(api.post("/api/v1/coupons/" + id + "/issues", Map.of("userId", 0)).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/coupons/" + id + "/issues", Map.of("userId", -3)).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/coupons/" + id + "/issues", "{\"userId\": 1.5}").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/users/abc/coupons").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/users/0/coupons").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/coupons/" + id).json().path("issuedQuantity").asInt()).isZero();
    }

    @Test
    void a_coupon_whose_lock_is_held_elsewhere_answers_503_lock_unavailable_with_retry_after_never_sold_out()
            throws Exception {
        String id = newCoupon(api, 5);
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        // another instance holding the coupon's Redisson lock (a thread-bound lock: own thread)
        Thread holder = Thread.ofPlatform().start(() -> {
            org.redisson.api.RFencedLock lock = redisson.getFencedLock("coupon:lock:" + id);
            lock.tryLockAndGetToken(0, 30_000, java.util.concurrent.TimeUnit.MILLISECONDS);
            held.countDown();
            try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        assertThat(held.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        Response busy = issue(api, id, 1);
        release.countDown();
        holder.join(30_000);

        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.code()).isEqualTo("LOCK_UNAVAILABLE");
        assertThat(busy.header("Retry-After")).isEqualTo("1");
        assertThat(api.get("/api/v1/coupons/" + id).json().path("issuedQuantity").asInt()).isZero();
        assertThat(issue(api, id, 1).status()).as("free again").isEqualTo(201);
    }

    @Test
    void metrics_are_served_at_the_prometheus_endpoint() {
        String id = newCoupon(api, 1);
        issue(api, id, 7);
        String metrics = api.get("/actuator/prometheus").body();
        assertThat(metrics).contains("coupon_lock_wait_seconds_count{type=\"redisson\"")
                .contains("coupon_lock_hold_seconds_count{type=\"redisson\"")
                .contains("coupon_issue_total{outcome=\"issued\"")
                .contains("coupon_issue_total{outcome=\"lock_unavailable\"")
                .contains("coupon_lock_fallback_total");
    }
}
