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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * {@code commerce.coupon.strategy=atomic} with Redis stopped in the middle of a stream of waves of
 * concurrent requests: the breaker opens and PostgreSQL alone (the conditional statement) goes on
 * issuing; Redis restarts empty, the coupon's state is reloaded from PostgreSQL and the script
 * issues again until the coupon is exactly sold out. Every request is answered: each stored copy
 * was answered 201.
 *
 * <p>Runs on the embedded servers on every machine: its context asks for them
 * ({@code commerce.infra.mode=embedded}), also where Docker answers and the rest of the suite runs on
 * Testcontainers (GitHub CI), because stopping Redis and starting it again (empty) on the same port is
 * what {@link LocalInfrastructure#stopRedis()} does to the embedded server; the containers the other
 * contexts share are never touched. (So it no longer shares {@link AtomicCouponConcurrencyIT}'s context.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "commerce.infra.mode=embedded",
        "commerce.coupon.strategy=atomic",
        "commerce.coupon.atomic.recovery-interval=500ms",
        "commerce.coupon.atomic.recovery-min-idle=1s"})
// The only class on this context: closed after it, so that its pool (20 connections) does not stay open
// for the rest of the suite, whose cached contexts and packaged instances share the embedded PostgreSQL's
// 300 connections (seen: "too many clients" starting InstanceKillIT's instances once this context was added)
@DirtiesContext
class AtomicCouponRedisOutageIT extends FullStackTest {

    private static final int TOTAL = 200;
    private static final int WAVE = 40;

    @Autowired
    MeterRegistry meters;

    @Autowired
    CircuitBreaker couponLockCircuitBreaker;

    @AfterEach
    void redisIsBack() {
        LocalInfrastructure.startRedis();
    }

    @Test
    void issuing_goes_on_through_postgresql_while_redis_is_down_and_returns_to_the_script_exactly() throws Exception {
        String coupon = newCoupon(api, TOTAL);
        double fallbacksBefore = count(meters, "coupon.lock.fallback");
        List<Response> responses = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                long first = CouponConcurrencyContract.USERS.getAndAdd(WAVE);
                responses.addAll(ConcurrentRun.results(WAVE, worker -> issue(api, coupon, first + worker)));
            }
        });

        // 1. the script issues some, then Redis stops in the middle of the stream
        long issuedAtStop = awaitIssued(jdbc, coupon, 20, stream);
        LocalInfrastructure.stopRedis();
        long target = Math.min(issuedAtStop + 40, TOTAL - 60);
        awaitIssued(jdbc, coupon, target, stream);
        awaitUntil(() -> couponLockCircuitBreaker.getState() == CircuitBreaker.State.OPEN, "breaker open", stream);
        stop.set(true);
        stream.get(180, TimeUnit.SECONDS);
        Map<String, Long> duringOutage = countByCode(responses);
        long[] afterOutage = truth(jdbc, coupon);
        double fallbacks = count(meters, "coupon.lock.fallback") - fallbacksBefore;
        String figures = Figures.report("AtomicCouponRedisOutageIT",
                "Redis stopped at issued=" + issuedAtStop + "; stream of "
                + responses.size() + " requests: outcomes " + duringOutage + "; database " + describe(afterOutage)
                + "; fallbacks " + fallbacks + ", breaker " + couponLockCircuitBreaker.getState());
        // every stored copy was answered 201 (no answer is lost); a refusal waited the whole wait time
        assertThat(afterOutage[0]).as(figures).isEqualTo(duringOutage.getOrDefault("OK", 0L));
        assertThat(duringOutage.keySet()).as(figures).isSubsetOf("OK", "LOCK_UNAVAILABLE");
        CouponFixtures.assertLockUnavailableOnlyAfterWaiting(responses);
        assertThat(afterOutage[0]).as(figures).isLessThanOrEqualTo(TOTAL).isGreaterThanOrEqualTo(target);
        assertThat(afterOutage[1]).as(figures).isEqualTo(afterOutage[0]);
        assertThat(afterOutage[2]).as(figures).isEqualTo(afterOutage[0]);
        assertThat(fallbacks).as(figures).isPositive();

        // 2. Redis returns empty: the breaker closes on script successes, the state is reloaded from PostgreSQL
        LocalInfrastructure.startRedis();
        double reloadsBefore = count(meters, "coupon.atomic.reloads");
        Map<String, Long> probes = new TreeMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!(couponLockCircuitBreaker.getState() == CircuitBreaker.State.CLOSED
                && count(meters, "coupon.atomic.reloads") > reloadsBefore)) {
            assertThat(System.nanoTime()).as("breaker closed again within 90 s").isLessThan(deadline);
            probes.merge(issue(api, coupon, CouponConcurrencyContract.USERS.getAndIncrement()).code(), 1L, Long::sum);
            Thread.sleep(250);
        }
        Map<String, Long> afterRestart = new TreeMap<>();
        while (truth(jdbc, coupon)[0] < TOTAL) {
            assertThat(System.nanoTime()).as("sold out within 90 s").isLessThan(deadline);
            long first = CouponConcurrencyContract.USERS.getAndAdd(WAVE);
            countByCode(ConcurrentRun.results(WAVE, worker -> issue(api, coupon, first + worker)))
                    .forEach((code, n) -> afterRestart.merge(code, n, Long::sum));
        }
        // a last wave after the sell-out, answered by the script from the reloaded state
        long first = CouponConcurrencyContract.USERS.getAndAdd(WAVE);
        Map<String, Long> last = countByCode(ConcurrentRun.results(WAVE, worker -> issue(api, coupon, first + worker)));
        long[] end = truth(jdbc, coupon);
        double reloads = count(meters, "coupon.atomic.reloads") - reloadsBefore;
        String recovery = Figures.report("AtomicCouponRedisOutageIT",
                "after restart: probes " + probes + ", waves " + afterRestart + ", then " + last
                + "; database " + describe(end) + "; reloads " + reloads + ", breaker "
                + couponLockCircuitBreaker.getState());

        long ok = duringOutage.getOrDefault("OK", 0L) + probes.getOrDefault("OK", 0L)
                + afterRestart.getOrDefault("OK", 0L);
        assertThat(end).as(recovery).containsExactly(TOTAL, TOTAL, TOTAL);
        assertThat(ok).as("201 answers, one per stored copy").isEqualTo(TOTAL);
        assertThat(last).as(recovery).containsOnly(Map.entry("COUPON_SOLD_OUT", (long) WAVE));
        assertThat(reloads).as("the script issued again from state reloaded from PostgreSQL").isPositive();
        assertThat(couponLockCircuitBreaker.getState()).as(recovery).isEqualTo(CircuitBreaker.State.CLOSED);
        assertInvariantsHold();
    }
}
