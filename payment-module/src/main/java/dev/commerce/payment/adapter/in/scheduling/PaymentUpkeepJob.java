package dev.commerce.payment.adapter.in.scheduling;

import dev.commerce.payment.ReconcilePaymentsUseCase;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the reconciler and the key sweep on fixed delays. Every instance runs them; a key is still
 * settled once, because each one is taken over by a conditional update before it is touched.
 */
class PaymentUpkeepJob {

    private static final Logger log = LoggerFactory.getLogger(PaymentUpkeepJob.class);

    private final ReconcilePaymentsUseCase reconciler;
    private final Clock clock;
    private final Duration reconcileAfter;
    private final int reconcileBatchSize;
    private final Duration keyRetention;

    PaymentUpkeepJob(ReconcilePaymentsUseCase reconciler, Clock clock, Duration reconcileAfter,
            int reconcileBatchSize, Duration keyRetention) {
        this.reconciler = reconciler;
        this.clock = clock;
        this.reconcileAfter = reconcileAfter;
        this.reconcileBatchSize = reconcileBatchSize;
        this.keyRetention = keyRetention;
    }

    @Scheduled(fixedDelayString = "${commerce.payment.reconcile-interval:10s}",
            initialDelayString = "${commerce.payment.reconcile-interval:10s}")
    public void reconcile() {
        try {
            int settled = reconciler.reconcile(clock.instant().minus(reconcileAfter), reconcileBatchSize);
            if (settled > 0) {
                log.info("Settled {} payment idempotency keys with the gateway", settled);
            }
        } catch (RuntimeException e) {
            // the database may be down; the next run tries again
            log.warn("Payment reconciliation failed: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "${commerce.payment.sweep-interval:1m}",
            initialDelayString = "${commerce.payment.sweep-interval:1m}")
    public void sweep() {
        try {
            int forgotten = reconciler.forgetCompletedKeys(clock.instant().minus(keyRetention));
            if (forgotten > 0) {
                log.info("Forgot {} completed idempotency keys older than {}", forgotten, keyRetention);
            }
        } catch (RuntimeException e) {
            log.warn("Idempotency key sweep failed: {}", e.getMessage());
        }
    }
}
