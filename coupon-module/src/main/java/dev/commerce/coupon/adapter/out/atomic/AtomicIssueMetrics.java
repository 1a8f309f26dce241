package dev.commerce.coupon.adapter.out.atomic;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters of the {@code atomic} strategy: {@code coupon.atomic.reloads} (a coupon's Redis state
 * loaded from PostgreSQL), {@code coupon.atomic.recovered} (claims written by the recovery job) and
 * {@code coupon.atomic.refused} (claims Redis admitted but PostgreSQL refused: Redis was behind, and
 * is marked sold out or has its state for the coupon dropped to be reloaded) and
 * {@code coupon.atomic.write.batch} (copies per statement of the claim writer's group commit).
 */
final class AtomicIssueMetrics {

    private final Counter reloads;
    private final Counter recovered;
    private final Counter refused;
    private final DistributionSummary writeBatch;

    AtomicIssueMetrics(MeterRegistry registry) {
        reloads = Counter.builder("coupon.atomic.reloads")
                .description("Coupon states loaded into Redis from PostgreSQL").register(registry);
        recovered = Counter.builder("coupon.atomic.recovered")
                .description("Claims left unwritten by their request and written by the recovery job").register(registry);
        refused = Counter.builder("coupon.atomic.refused")
                .description("Claims admitted by Redis and refused by PostgreSQL (Redis state was behind)")
                .register(registry);
        writeBatch = DistributionSummary.builder("coupon.atomic.write.batch")
                .description("Copies the claim writer handed to PostgreSQL in one statement (group commit)")
                .baseUnit("copies")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
                .register(registry);
    }

    void reloaded() {
        reloads.increment();
    }

    void recovered(int count) {
        recovered.increment(count);
    }

    void refused() {
        refused.increment();
    }

    void batchWritten(int copies) {
        writeBatch.record(copies);
    }
}
