package dev.commerce.coupon.adapter.out.atomic;

import dev.commerce.coupon.application.port.ClaimRecovery;

/**
 * Counts the claims each recovery pass wrote to PostgreSQL in {@code coupon.atomic.recovered}; a pass
 * that fails counts nothing (what it wrote before failing is written again, idempotently, and counted
 * by a later pass).
 */
final class MeteredClaimRecovery implements ClaimRecovery {

    private final ClaimRecovery recovery;
    private final AtomicIssueMetrics metrics;

    MeteredClaimRecovery(ClaimRecovery recovery, AtomicIssueMetrics metrics) {
        this.recovery = recovery;
        this.metrics = metrics;
    }

    @Override
    public int recover() {
        int written = recovery.recover();
        metrics.recovered(written);
        return written;
    }
}
