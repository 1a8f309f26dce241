package dev.commerce.fullstack.coupon;

import static dev.commerce.fullstack.coupon.CouponFixtures.countByCode;
import static dev.commerce.fullstack.coupon.CouponFixtures.describe;
import static dev.commerce.fullstack.coupon.CouponFixtures.issue;
import static dev.commerce.fullstack.coupon.CouponFixtures.issueOnBehalf;
import static dev.commerce.fullstack.coupon.CouponFixtures.newCoupon;
import static dev.commerce.fullstack.coupon.CouponFixtures.truth;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import dev.commerce.testing.ConcurrentRun;
import dev.commerce.testing.Figures;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issuing through HTTP against real PostgreSQL and Redis, all workers started at once; outcomes are
 * counted by code and the truth is read back from the database. Every issuing strategy
 * ({@code commerce.coupon.strategy}) runs these same tests through a subclass.
 */
abstract class CouponConcurrencyContract extends FullStackTest {

    // distinct users across tests and strategies
    static final AtomicLong USERS = new AtomicLong(1_000_000);

    @Autowired
    MeterRegistry meters;

    /** Whether the strategy may answer 503 LOCK_UNAVAILABLE under contention (only the lock strategy waits for a lock). */
    boolean mayAnswerLockUnavailable() {
        return true;
    }

    /** The {@code commerce.coupon.strategy} of the subclass's context. */
    abstract String strategy();

    String label() {
        return getClass().getSimpleName();
    }

    @Test
    void a_thousand_users_racing_for_one_hundred_coupons_get_exactly_one_hundred() {
        String coupon = newCoupon(api, 100);
        long firstUser = USERS.getAndAdd(1000);

        List<Response> responses = ConcurrentRun.results(1000, worker -> issue(api, coupon, firstUser + worker));
        Map<String, Long> outcomes = countByCode(responses);
        long[] truth = truth(jdbc, coupon);

        String figures = Figures.report(label(), "1000 users / 100 coupons: outcomes " + outcomes + "; database "
                + describe(truth));
        assertThat(truth).as(figures).containsExactly(100, 100, 100);
        assertThat(CouponFixtures.copiesNotIssued(jdbc, coupon)).as("copies not ISSUED or with an order").isZero();
        // every stored copy was answered 201 and every 201 is a stored copy (no answer is lost)
        assertThat(outcomes.getOrDefault("OK", 0L)).as(figures).isEqualTo(100);
        if (mayAnswerLockUnavailable()) {
            // the rest is sold out, or refused after waiting the whole lock wait time (the bound)
            assertThat(outcomes.keySet()).isSubsetOf("OK", "COUPON_SOLD_OUT", "LOCK_UNAVAILABLE");
            CouponFixtures.assertLockUnavailableOnlyAfterWaiting(responses);
        } else {
            assertThat(outcomes).containsOnly(Map.entry("OK", 100L), Map.entry("COUPON_SOLD_OUT", 900L));
        }
        assertThat(responses).as(figures).filteredOn(r -> r.status() == 503)
                .allSatisfy(r -> assertThat(r.header("Retry-After")).isNotBlank());
        assertInvariantsHold();
    }

    @Test
    void one_user_sending_fifty_requests_at_once_gets_exactly_one() {
        String coupon = newCoupon(api, 100);
        long user = USERS.getAndIncrement();

        List<Response> responses = ConcurrentRun.results(50, worker -> issueOnBehalf(api, coupon, user));
        Map<String, Long> outcomes = countByCode(responses);
        long[] truth = truth(jdbc, coupon);

        String figures = Figures.report(label(), "1 user x 50 requests: outcomes " + outcomes + "; database "
                + describe(truth));
        assertThat(truth).as(figures).containsExactly(1, 1, 1);
        assertThat(outcomes).as(figures).containsOnly(Map.entry("OK", 1L), Map.entry("COUPON_ALREADY_ISSUED", 49L));
        assertInvariantsHold();
    }

    @Test
    void the_listing_shows_an_issued_copy_at_once_and_repeats_and_sold_out_are_answered() {
        String coupon = newCoupon(api, 1);
        long user = USERS.getAndIncrement();
        double issuedBefore = issueCount("issued");
        double soldOutBefore = issueCount("sold_out");

        Response issued = issue(api, coupon, user);
        Response listed = api.get("/api/v1/users/" + user + "/coupons");

        assertThat(issued.status()).isEqualTo(201);
        assertThat(listed.json().size()).isEqualTo(1);
        assertThat(listed.json().get(0).path("id").asString()).isEqualTo(issued.json().path("id").asString());
        for (var copy : List.of(issued.json(), listed.json().get(0))) {
            assertThat(copy.path("status").asString()).isEqualTo("ISSUED");
            assertThat(copy.has("orderId") && copy.path("orderId").isNull()).as("orderId: null").isTrue();
        }
        assertThat(issue(api, coupon, user).code()).isEqualTo("COUPON_ALREADY_ISSUED");
        assertThat(issue(api, coupon, USERS.getAndIncrement()).code()).isEqualTo("COUPON_SOLD_OUT");
        assertThat(issue(api, "no-such-coupon", user).code()).isEqualTo("COUPON_NOT_FOUND");
        assertThat(truth(jdbc, coupon)).containsExactly(1, 1, 1);
        assertThat(issueCount("issued") - issuedBefore).as("coupon.issue{outcome=issued,strategy}").isEqualTo(1);
        assertThat(issueCount("sold_out") - soldOutBefore).as("coupon.issue{outcome=sold_out,strategy}").isEqualTo(1);
    }

    private double issueCount(String outcome) {
        var counter = meters.find("coupon.issue").tags("outcome", outcome, "strategy", strategy()).counter();
        return counter == null ? 0 : counter.count();
    }
}
