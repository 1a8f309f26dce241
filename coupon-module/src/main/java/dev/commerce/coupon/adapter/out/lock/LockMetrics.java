package dev.commerce.coupon.adapter.out.lock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coupon lock's meters: {@code coupon.lock.wait} and {@code coupon.lock.hold} timers tagged
 * {@code type=redisson|database} and the {@code coupon.lock.handovers} counter; and a WARN when a
 * wait exceeds the slow-wait threshold. The breaker's meters ({@code coupon.lock.fallback},
 * {@code coupon.lock.breaker.*}) are the breaker package's.
 *
 * <p>Called from inside the lock adapters rather than by a decorator of the port: both timers turn at
 * the instant the lock is granted, which only the adapter sees (a decorator sees the work start, after
 * the transaction began and the fence was read, and would move that time from hold to wait); the
 * hand-over count is a detail of the Redisson lock's local queue.
 */
final class LockMetrics {

    static final String REDISSON = "redisson";
    static final String DATABASE = "database";
    private static final Logger log = LoggerFactory.getLogger(LockMetrics.class);

    private final MeterRegistry registry;
    private final Duration slowWaitThreshold;

    LockMetrics(MeterRegistry registry, Duration slowWaitThreshold) {
        this.registry = registry;
        this.slowWaitThreshold = slowWaitThreshold;
        for (String type : new String[] {REDISSON, DATABASE}) {
            waitTimer(type);
            holdTimer(type);
        }
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
}
