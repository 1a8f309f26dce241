package dev.commerce.coupon.application.port;

/**
 * A {@link OneStepIssue}'s store (Redis, for the atomic strategy) failed (unreachable, timed out)
 * before the claim was decided or while its answer was on the
 * way. Counted by the circuit breaker, which then issues through PostgreSQL alone: the same copy
 * (same id) that Redis may or may not have recorded, so that a claim recorded after all is matched
 * to the stored copy by its id and never becomes a second copy.
 */
public class IssueStoreUnavailableException extends RuntimeException {

    public IssueStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
