package dev.commerce.coupon.adapter.out.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters of the {@code atomic} strategy: {@code coupon.atomic.reloads} (a coupon's Redis state
 * loaded from PostgreSQL), {@code coupon.atomic.recovered} (claims written by the recovery job) and
 * {@code coupon.atomic.refused} (claims Redis admitted but PostgreSQL refused: Redis was behind, and
 * is marked sold out or has its state for the coupon dropped to be reloaded).
 */
public final class AtomicIssueMetrics {

    private final Counter reloads;
    private final Counter recovered;
    private final Counter refused;

    public AtomicIssueMetrics(MeterRegistry registry) {
        reloads = Counter.builder("coupon.atomic.reloads")
                .description("Coupon states loaded into Redis from PostgreSQL").register(registry);
        recovered = Counter.builder("coupon.atomic.recovered")
                .description("Claims left unwritten by their request and written by the recovery job").register(registry);
        refused = Counter.builder("coupon.atomic.refused")
                .description("Claims admitted by Redis and refused by PostgreSQL (Redis state was behind)")
                .register(registry);
    }

    public void reloaded() {
        reloads.increment();
    }

    void recovered(int count) {
        recovered.increment(count);
    }

    void refused() {
        refused.increment();
    }
}
