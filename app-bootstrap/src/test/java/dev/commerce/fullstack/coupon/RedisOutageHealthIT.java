package dev.commerce.fullstack.coupon;

import static dev.commerce.fullstack.coupon.CouponFixtures.countByCode;
import static dev.commerce.fullstack.coupon.CouponFixtures.issue;
import static dev.commerce.fullstack.coupon.CouponFixtures.newCoupon;
import static dev.commerce.fullstack.coupon.CouponFixtures.truth;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import dev.commerce.testing.ConcurrentRun;
import dev.commerce.infra.check.InvariantChecker;
import dev.commerce.infra.local.LocalInfrastructure;
import dev.commerce.testing.Figures;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Health while Redis is down. {@code /actuator/health} stays honest: the {@code redis} component
 * is DOWN and so is the whole (503), for monitoring and alerts. The probes a load balancer or
 * Kubernetes uses do not depend on Redis: readiness and liveness stay UP, because coupons are
 * still issued under the PostgreSQL fallback lock, so an outage of one shared dependency does not
 * take every instance out of rotation at once. After Redis returns, everything is UP again.
 *
 * <p>Runs on the embedded servers on every machine: its context asks for them
 * ({@code commerce.infra.mode=embedded}), also where Docker answers and the rest of the suite runs on
 * Testcontainers (GitHub CI), because stopping Redis and starting it again on the same port is what
 * {@link LocalInfrastructure#stopRedis()} does to the embedded server; the containers the other
 * contexts share are never touched. Same context as {@code CouponRedisOutageIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "commerce.infra.mode=embedded"})
class RedisOutageHealthIT extends FullStackTest {

    private static final AtomicLong USERS = new AtomicLong(40_000_000);

    @Autowired
    CircuitBreaker couponLockCircuitBreaker;

    @AfterEach
    void redisIsBack() {
        LocalInfrastructure.startRedis();
    }

    @Test
    void redis_down_is_reported_by_health_but_not_by_the_readiness_and_liveness_probes_while_coupons_still_issue()
            throws Exception {
        String coupon = newCoupon(api, 1_000);
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);

        LocalInfrastructure.stopRedis();
        List<Response> issuedDuringOutage = new ArrayList<>();
        Map<String, Long> duringOutage = new TreeMap<>();
        Response health = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        // concurrent issues while Redis is down, until the breaker has opened and the fallback issues
        while (couponLockCircuitBreaker.getState() != CircuitBreaker.State.OPEN || !duringOutage.containsKey("OK")) {
            assertThat(System.nanoTime()).as("fallback issuing within 90 s").isLessThan(deadline);
            long first = USERS.getAndAdd(20);
            List<Response> wave = ConcurrentRun.results(20, worker -> issue(api, coupon, first + worker));
            issuedDuringOutage.addAll(wave);
            countByCode(wave).forEach((code, n) -> duringOutage.merge(code, n, Long::sum));
        }
        health = api.get("/actuator/health");
        Response readiness = api.get("/actuator/health/readiness");
        Response liveness = api.get("/actuator/health/liveness");
        String figures = Figures.report("RedisOutageHealthIT",
                "Redis down: issues " + duringOutage + ", breaker " + couponLockCircuitBreaker.getState()
                + "; health " + health.status() + " " + health.json().path("status").asString() + " (redis "
                + health.json().path("components").path("redis").path("status").asString() + ", db "
                + health.json().path("components").path("db").path("status").asString() + "), readiness "
                + readiness.status() + " " + readiness.json().path("status").asString() + ", liveness "
                + liveness.status() + " " + liveness.json().path("status").asString());

        assertThat(health.status()).as(figures).isEqualTo(503);
        assertThat(health.json().path("status").asString()).as(figures).isEqualTo("DOWN");
        assertThat(health.json().path("components").path("redis").path("status").asString())
                .as(figures).isEqualTo("DOWN");
        assertThat(health.json().path("components").path("db").path("status").asString()).as(figures).isEqualTo("UP");
        assertThat(readiness.status()).as(figures).isEqualTo(200);
        assertThat(readiness.json().path("status").asString()).as(figures).isEqualTo("UP");
        assertThat(liveness.status()).as(figures).isEqualTo(200);
        assertThat(liveness.json().path("status").asString()).as(figures).isEqualTo("UP");
        // a refusal is a request that waited the whole lock wait time behind a holder stuck on Redis
        // before the breaker opened, or on the fallback lock: the bound on LOCK_UNAVAILABLE
        assertThat(duringOutage.keySet()).as(figures).isSubsetOf("OK", "LOCK_UNAVAILABLE");
        CouponFixtures.assertLockUnavailableOnlyAfterWaiting(issuedDuringOutage);

        // Redis back: health UP again, and the breaker closes on Redisson successes (left as other tests expect it)
        LocalInfrastructure.startRedis();
        Map<String, Long> afterRestart = new TreeMap<>();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (couponLockCircuitBreaker.getState() != CircuitBreaker.State.CLOSED
                || (health = api.get("/actuator/health")).status() != 200) {
            assertThat(System.nanoTime()).as("health UP and breaker closed within 90 s").isLessThan(deadline);
            long first = USERS.getAndAdd(5);
            countByCode(ConcurrentRun.results(5, worker -> issue(api, coupon, first + worker)))
                    .forEach((code, n) -> afterRestart.merge(code, n, Long::sum));
            Thread.sleep(250);
        }
        long[] coupons = truth(jdbc, coupon);
        var violations = InvariantChecker.violations(dataSource);
        String recovery = Figures.report("RedisOutageHealthIT",
                "Redis back: issues " + afterRestart + ", breaker " + couponLockCircuitBreaker.getState()
                + "; health " + health.status() + " (redis " + health.json().path("components").path("redis")
                .path("status").asString() + "); coupon " + CouponFixtures.describe(coupons) + "; invariant violations: "
                + violations);
        assertThat(health.json().path("components").path("redis").path("status").asString())
                .as(recovery).isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness").status()).as(recovery).isEqualTo(200);
        assertThat(coupons[1]).as(recovery).isEqualTo(coupons[0]).isEqualTo(coupons[2]);
        assertThat(violations).as(recovery).isEmpty();
    }
}
