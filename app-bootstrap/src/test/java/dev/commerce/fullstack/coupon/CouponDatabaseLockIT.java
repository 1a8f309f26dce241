package dev.commerce.fullstack.coupon;

import static dev.commerce.fullstack.coupon.CouponFixtures.countByCode;
import static dev.commerce.fullstack.coupon.CouponFixtures.describe;
import static dev.commerce.fullstack.coupon.CouponFixtures.issue;
import static dev.commerce.fullstack.coupon.CouponFixtures.newCoupon;
import static dev.commerce.fullstack.coupon.CouponFixtures.truth;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import dev.commerce.testing.ConcurrentRun;
import dev.commerce.testing.Figures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** {@code commerce.coupon.lock.type=database}: the PostgreSQL advisory lock alone, full stack. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "commerce.coupon.lock.type=database")
class CouponDatabaseLockIT extends FullStackTest {

    @Test
    void a_thousand_users_racing_for_one_hundred_coupons_get_exactly_one_hundred_under_the_advisory_lock() {
        String coupon = newCoupon(api, 100);

        List<Response> responses = ConcurrentRun.results(1000, worker -> issue(api, coupon, 7_000_000L + worker));
        Map<String, Long> outcomes = countByCode(responses);
        long[] truth = truth(jdbc, coupon);

        String figures = Figures.report("CouponDatabaseLockIT",
                "1000 users / 100 coupons (advisory lock): outcomes " + outcomes
                + "; database " + describe(truth));
        assertThat(truth).as(figures).containsExactly(100, 100, 100);
        // every stored copy was answered 201 (no answer is lost); the rest is sold out, or refused after
        // waiting the whole lock wait time (lock_timeout) behind the holders of the advisory lock
        assertThat(outcomes.getOrDefault("OK", 0L)).as(figures).isEqualTo(100);
        assertThat(outcomes.keySet()).as(figures).isSubsetOf("OK", "COUPON_SOLD_OUT", "LOCK_UNAVAILABLE");
        CouponFixtures.assertLockUnavailableOnlyAfterWaiting(responses);
    }

    @Test
    void an_advisory_lock_held_elsewhere_answers_503_lock_unavailable_with_retry_after() throws Exception {
        String coupon = newCoupon(api, 5);
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                lock.setString(1, "coupon:" + coupon);
                lock.execute();
            }
            Response busy = issue(api, coupon, 1);
            other.rollback();

            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.code()).isEqualTo("LOCK_UNAVAILABLE");
            assertThat(busy.header("Retry-After")).isEqualTo("1");
        }
        assertThat(truth(jdbc, coupon)).containsExactly(0, 0, 0);
        assertThat(issue(api, coupon, 1).status()).as("free again").isEqualTo(201);
    }
}
