package dev.commerce.coupon.application.port;

/**
 * Writes to PostgreSQL the claims that the {@code atomic} strategy's store admitted but no request
 * wrote (its process died between the decision and the write, or PostgreSQL failed then).
 */
public interface ClaimRecovery {

    /**
     * One pass: takes over at most one batch of claims left unwritten long enough, writes each
     * idempotently and marks it done.
     *
     * @return how many claims this pass wrote
     */
    int recover();
}
