package dev.commerce.fullstack.coupon;

import static dev.commerce.fullstack.coupon.CouponFixtures.countByCode;
import static dev.commerce.fullstack.coupon.CouponFixtures.describe;
import static dev.commerce.fullstack.coupon.CouponFixtures.issue;
import static dev.commerce.fullstack.coupon.CouponFixtures.newCoupon;
import static dev.commerce.fullstack.coupon.CouponFixtures.truth;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient;
import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.Concurrently;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issuing through HTTP against real PostgreSQL and Redis (Redisson lock), all workers started at
 * once; outcomes are counted by code and the truth is read back from the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CouponConcurrencyIT {

    // distinct users across tests of this class
    private static final AtomicLong USERS = new AtomicLong(1_000_000);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void a_thousand_users_racing_for_one_hundred_coupons_get_exactly_one_hundred() {
        String coupon = newCoupon(api, 100);
        long firstUser = USERS.getAndAdd(1000);

        List<Response> responses = Concurrently.run(1000, worker -> issue(api, coupon, firstUser + worker));
        Map<String, Long> outcomes = countByCode(responses);
        long[] truth = truth(jdbc, coupon);

        System.out.println("[CouponConcurrencyIT] 1000 users / 100 coupons: outcomes " + outcomes + "; database "
                + describe(truth));
        assertThat(truth).containsExactly(100, 100, 100);
        assertThat(outcomes.keySet()).isSubsetOf("OK", "COUPON_SOLD_OUT", "LOCK_UNAVAILABLE", "IO_ERROR");
        // every OK is a stored copy; a lost response (IO_ERROR) may or may not be one
        assertThat(outcomes.getOrDefault("OK", 0L)).isLessThanOrEqualTo(100)
                .isGreaterThanOrEqualTo(100 - outcomes.getOrDefault("IO_ERROR", 0L));
        assertThat(responses).filteredOn(r -> r.status() == 503)
                .allSatisfy(r -> assertThat(r.header("Retry-After")).isNotBlank());
    }

    @Test
    void one_user_sending_fifty_requests_at_once_gets_exactly_one() {
        String coupon = newCoupon(api, 100);
        long user = USERS.getAndIncrement();

        List<Response> responses = Concurrently.run(50, worker -> issue(api, coupon, user));
        Map<String, Long> outcomes = countByCode(responses);
        long[] truth = truth(jdbc, coupon);

        System.out.println("[CouponConcurrencyIT] 1 user x 50 requests: outcomes " + outcomes + "; database "
                + describe(truth));
        assertThat(truth).containsExactly(1, 1, 1);
        if (!outcomes.containsKey("IO_ERROR")) {
            assertThat(outcomes).containsOnly(Map.entry("OK", 1L), Map.entry("COUPON_ALREADY_ISSUED", 49L));
        }
        assertThat(outcomes.getOrDefault("OK", 0L)).isLessThanOrEqualTo(1);
    }
}
