package dev.commerce.coupon.adapter.in.scheduling;

import dev.commerce.coupon.RecoverCouponClaimsUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs {@link RecoverCouponClaimsUseCase} on a fixed delay ({@code commerce.coupon.atomic.recovery-interval})
 * with {@code commerce.coupon.strategy=atomic}. Every instance runs it; a claim is still written once,
 * because entries are taken over one owner at a time and written idempotently.
 */
class AtomicIssueRecoveryJob {

    private static final Logger log = LoggerFactory.getLogger(AtomicIssueRecoveryJob.class);

    private final RecoverCouponClaimsUseCase recovery;

    AtomicIssueRecoveryJob(RecoverCouponClaimsUseCase recovery) {
        this.recovery = recovery;
    }

    @Scheduled(fixedDelayString = "${commerce.coupon.atomic.recovery-interval:5s}",
            initialDelayString = "${commerce.coupon.atomic.recovery-interval:5s}")
    void recover() {
        try {
            int written = recovery.recoverClaims();
            if (written > 0) {
                log.warn("Wrote {} coupon claims that their requests had left unwritten", written);
            }
        } catch (RuntimeException e) {
            // Redis or PostgreSQL may be down; the entries stay pending for the next run
            log.warn("Coupon claim recovery failed: {}", e.toString());
        }
    }
}
