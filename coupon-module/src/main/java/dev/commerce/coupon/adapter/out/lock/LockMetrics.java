package dev.commerce.coupon.adapter.out.lock;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coupon lock's meters: {@code coupon.lock.wait} and {@code coupon.lock.hold} timers tagged
 * {@code type=redisson|database}, {@code coupon.lock.fallback}, {@code coupon.lock.handovers} and
 * {@code coupon.lock.breaker.transitions} (tagged {@code from}, {@code to}) counters; the
 * {@code coupon.lock.breaker.state} gauge (tagged {@code state}: 1 for the breaker's current state, 0
 * for the others); and a WARN when a wait exceeds the slow-wait threshold.
 */
public final class LockMetrics {

    public static final String REDISSON = "redisson";
    public static final String DATABASE = "database";
    private static final Logger log = LoggerFactory.getLogger(LockMetrics.class);

    private final MeterRegistry registry;
    private final Duration slowWaitThreshold;

    public LockMetrics(MeterRegistry registry, Duration slowWaitThreshold) {
        this.registry = registry;
        this.slowWaitThreshold = slowWaitThreshold;
        for (String type : new String[] {REDISSON, DATABASE}) {
            waitTimer(type);
            holdTimer(type);
        }
        fallbackCounter();
        handoverCounter();
    }

    /** Records how long a caller waited for the lock of {@code couponId}, got it or not. */
    void waited(String type, String couponId, long nanos, boolean acquired) {
        waitTimer(type).record(nanos, TimeUnit.NANOSECONDS);
        if (nanos > slowWaitThreshold.toNanos()) {
            log.warn("Slow coupon lock wait: {} ms for the {} lock of coupon {} ({}); threshold {} ms",
                    TimeUnit.NANOSECONDS.toMillis(nanos), type, couponId, acquired ? "acquired" : "not acquired",
                    slowWaitThreshold.toMillis());
        }
    }

    void held(String type, long nanos) {
        holdTimer(type).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A Redisson lock hold that reused the Redis lock of the previous local holder (no Redis round trip). */
    void handedOver() {
        handoverCounter().increment();
    }

    public void fallbackUsed() {
        fallbackCounter().increment();
    }

    public void breakerTransition(String from, String to) {
        transitionCounter(from, to).increment();
    }

    private Counter transitionCounter(String from, String to) {
        return Counter.builder("coupon.lock.breaker.transitions")
                .description("State transitions of the circuit breaker around Redis for coupons")
                .tag("from", from).tag("to", to)
                .register(registry);
    }

    /**
     * Watches {@code breaker}: exports its current state as {@code coupon.lock.breaker.state{state}},
     * one series per Resilience4j state ({@code closed}, {@code open}, {@code half_open}, ...), 1 for
     * the current one, read at every scrape; and registers the usual transitions
     * ({@code closed -> open -> half_open -> closed}, {@code half_open -> open}) at 0, so that the
     * dashboard and alerts see a count of 0 rather than no data before Redis first fails. Alerts need
     * the state itself: the transition counters start again at 0 when an instance restarts and say
     * nothing about a breaker that opened before.
     */
    public void watch(CircuitBreaker breaker) {
        for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
            Gauge.builder("coupon.lock.breaker.state", breaker, b -> b.getState() == state ? 1 : 0)
                    .description("State of the circuit breaker around Redis for coupons: 1 for the current state")
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .strongReference(true)
                    .register(registry);
        }
        for (String[] transition : new String[][] {
            {"closed", "open"}, {"open", "half_open"}, {"half_open", "closed"}, {"half_open", "open"}}) {
            transitionCounter(transition[0], transition[1]);
        }
    }

    private Timer waitTimer(String type) {
        return Timer.builder("coupon.lock.wait").description("Time spent waiting for a coupon lock")
                .tag("type", type).register(registry);
    }

    private Timer holdTimer(String type) {
        return Timer.builder("coupon.lock.hold").description("Time a coupon lock was held (the issuing transaction)")
                .tag("type", type).register(registry);
    }

    private Counter handoverCounter() {
        return Counter.builder("coupon.lock.handovers")
                .description("Redisson coupon lock holds that took the Redis lock over from the previous holder of "
                        + "the same instance instead of acquiring it in Redis")
                .register(registry);
    }

    private Counter fallbackCounter() {
        return Counter.builder("coupon.lock.fallback")
                .description("Coupon locks taken in PostgreSQL because the Redisson lock was unavailable")
                .register(registry);
    }
}
