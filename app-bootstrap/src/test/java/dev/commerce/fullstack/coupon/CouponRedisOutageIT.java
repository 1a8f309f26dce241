package dev.commerce.fullstack.coupon;

import static dev.commerce.fullstack.coupon.CouponFixtures.awaitIssued;
import static dev.commerce.fullstack.coupon.CouponFixtures.awaitUntil;
import static dev.commerce.fullstack.coupon.CouponFixtures.count;
import static dev.commerce.fullstack.coupon.CouponFixtures.countByCode;
import static dev.commerce.fullstack.coupon.CouponFixtures.describe;
import static dev.commerce.fullstack.coupon.CouponFixtures.issue;
import static dev.commerce.fullstack.coupon.CouponFixtures.newCoupon;
import static dev.commerce.fullstack.coupon.CouponFixtures.truth;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import dev.commerce.testing.ConcurrentRun;
import dev.commerce.infra.local.LocalInfrastructure;
import dev.commerce.testing.Figures;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Redis stopped in the middle of a run: the circuit breaker opens, issuing goes on under the
 * PostgreSQL lock with no over-issue, and after Redis restarts the Redisson lock takes over again.
 * The run is a stream of waves of concurrent requests from distinct users, so that it lasts across
 * the outage however fast the machine is; the assertions count the truth in the database, and every
 * request is answered: each stored copy was answered 201.
 *
 * <p>Runs on the embedded servers on every machine: its context asks for them
 * ({@code commerce.infra.mode=embedded}), also where Docker answers and the rest of the suite runs on
 * Testcontainers (GitHub CI), because stopping Redis and starting it again on the same port is what
 * {@link LocalInfrastructure#stopRedis()} does to the embedded server; the containers the other
 * contexts share are never touched. Same context as {@code RedisOutageHealthIT},
 * {@code CheckoutRedisOutageIT} and {@code RedisRateLimiterIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "commerce.infra.mode=embedded"})
class CouponRedisOutageIT extends FullStackTest {

    private static final int TOTAL = 200;
    private static final int WAVE = 40;
    private static final AtomicLong USERS = new AtomicLong(5_000_000);

    @Autowired
    MeterRegistry meters;

    @Autowired
    CircuitBreaker couponLockCircuitBreaker;

    @AfterEach
    void redisIsBack() {
        LocalInfrastructure.startRedis();
    }

    @Test
    void issuing_goes_on_through_the_database_lock_while_redis_is_down_and_returns_to_redisson() throws Exception {
        String coupon = newCoupon(api, TOTAL);
        double fallbacksBefore = count(meters, "coupon.lock.fallback");
        double databaseLocksBefore = timerCount("coupon.lock.hold", "database");
        List<Response> responses = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                long first = USERS.getAndAdd(WAVE);
                responses.addAll(ConcurrentRun.results(WAVE, worker -> issue(api, coupon, first + worker)));
            }
        });

        // 1. Redisson issues some, then Redis stops in the middle of the stream
        long issuedAtStop = awaitIssued(jdbc, coupon, 20, stream);
        LocalInfrastructure.stopRedis();
        long issuedAfterStopTarget = Math.min(issuedAtStop + 40, TOTAL - 60);
        awaitIssued(jdbc, coupon, issuedAfterStopTarget, stream);
        awaitUntil(() -> couponLockCircuitBreaker.getState() == CircuitBreaker.State.OPEN, "breaker open", stream);
        stop.set(true);
        stream.get(180, TimeUnit.SECONDS);
        Map<String, Long> duringOutage = countByCode(responses);
        long[] afterOutage = truth(jdbc, coupon);
        double fallbacks = count(meters, "coupon.lock.fallback") - fallbacksBefore;
        double databaseLocks = timerCount("coupon.lock.hold", "database") - databaseLocksBefore;
        String figures = Figures.report("CouponRedisOutageIT",
                "Redis stopped at issued=" + issuedAtStop + "; stream of "
                + responses.size() + " requests: outcomes " + duringOutage + "; database " + describe(afterOutage)
                + "; fallbacks used=" + fallbacks + ", database locks held=" + databaseLocks + ", breaker "
                + couponLockCircuitBreaker.getState());

        // every stored copy was answered 201 (no answer is lost); the rest waited the whole lock wait time
        // (behind a holder stuck on Redis before the breaker opened, or on the fallback lock)
        assertThat(afterOutage[0]).as(figures).isEqualTo(duringOutage.getOrDefault("OK", 0L));
        assertThat(duringOutage.keySet()).as(figures).isSubsetOf("OK", "LOCK_UNAVAILABLE");
        CouponFixtures.assertLockUnavailableOnlyAfterWaiting(responses);
        assertThat(afterOutage[0]).as(figures).isLessThanOrEqualTo(TOTAL).isGreaterThanOrEqualTo(issuedAfterStopTarget);
        assertThat(afterOutage[1]).as(figures).isEqualTo(afterOutage[0]);
        assertThat(afterOutage[2]).as(figures).isEqualTo(afterOutage[0]);
        assertThat(fallbacks).as(figures).isPositive();
        assertThat(databaseLocks).as(figures).isPositive();
        assertThat(count(meters, "coupon.lock.breaker.transitions", "from", "closed", "to", "open"))
                .as(figures).isPositive();

        // 2. Redis returns: the breaker half-opens after its wait and closes on Redisson successes
        LocalInfrastructure.startRedis();
        double redissonLocksBefore = timerCount("coupon.lock.hold", "redisson");
        Map<String, Long> probes = new java.util.TreeMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!(couponLockCircuitBreaker.getState() == CircuitBreaker.State.CLOSED
                && timerCount("coupon.lock.hold", "redisson") > redissonLocksBefore)) {
            assertThat(System.nanoTime()).as("breaker closed again within 90 s").isLessThan(deadline);
            probes.merge(issue(api, coupon, USERS.getAndIncrement()).code(), 1L, Long::sum);
            Thread.sleep(250);
        }
        double redissonLocks = timerCount("coupon.lock.hold", "redisson") - redissonLocksBefore;

        // 3. the rest of the coupon under the Redisson lock again, until it is sold out
        Map<String, Long> afterRestart = new java.util.TreeMap<>();
        long soldOutDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (truth(jdbc, coupon)[0] < TOTAL) {
            assertThat(System.nanoTime()).as("sold out within 120 s").isLessThan(soldOutDeadline);
            long first = USERS.getAndAdd(200);
            countByCode(ConcurrentRun.results(200, worker -> issue(api, coupon, first + worker)))
                    .forEach((code, n) -> afterRestart.merge(code, n, Long::sum));
        }
        long[] end = truth(jdbc, coupon);
        String recovery = Figures.report("CouponRedisOutageIT",
                "after restart: probes " + probes + ", Redisson locks held "
                + redissonLocks + ", breaker " + couponLockCircuitBreaker.getState() + "; final runs "
                + afterRestart + "; database " + describe(end) + "; transitions closed->open="
                + count(meters, "coupon.lock.breaker.transitions", "from", "closed", "to", "open")
                + ", open->half_open=" + count(meters, "coupon.lock.breaker.transitions", "from", "open", "to", "half_open")
                + ", half_open->closed=" + count(meters, "coupon.lock.breaker.transitions", "from", "half_open", "to", "closed"));

        long okTotal = duringOutage.getOrDefault("OK", 0L) + probes.getOrDefault("OK", 0L)
                + afterRestart.getOrDefault("OK", 0L);
        assertThat(end).as(recovery).containsExactly(TOTAL, TOTAL, TOTAL);
        assertThat(okTotal).as("201 answers, one per stored copy").isEqualTo(TOTAL);
        assertThat(redissonLocks).as(recovery).isPositive();
        assertThat(count(meters, "coupon.lock.breaker.transitions", "from", "half_open", "to", "closed"))
                .as(recovery).isPositive();
    }

    private double timerCount(String name, String type) {
        var timer = meters.find(name).tag("type", type).timer();
        return timer == null ? 0 : timer.count();
    }
}
