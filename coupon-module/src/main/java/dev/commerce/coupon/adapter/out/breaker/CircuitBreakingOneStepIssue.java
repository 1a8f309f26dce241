package dev.commerce.coupon.adapter.out.breaker;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.application.port.IssueStoreUnavailableException;
import dev.commerce.coupon.application.port.OneStepIssue;
import dev.commerce.coupon.domain.IssuedCoupon;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;

/**
 * The Redis script behind a Resilience4j circuit breaker, with PostgreSQL alone (the conditional
 * statement) as fallback: while the breaker is open, or when Redis fails on a call, the copy is
 * issued by the fallback. Only {@link IssueStoreUnavailableException} counts as a failure. Every path is
 * guarded by the store: the fallback is the conditional statement with its unique key, never an
 * unguarded write. Counted in {@code coupon.lock.fallback} and {@code coupon.lock.breaker.transitions}
 * like the lock strategy's breaker.
 */
final class CircuitBreakingOneStepIssue implements OneStepIssue {

    private final OneStepIssue primary;
    private final OneStepIssue fallback;
    private final RedisBreaker breaker;

    /** @param fallback used while Redis is unavailable; {@code null} to answer LOCK_UNAVAILABLE instead */
    CircuitBreakingOneStepIssue(OneStepIssue primary, OneStepIssue fallback, CircuitBreaker breaker,
            BreakerMetrics metrics, Duration retryAfter) {
        this.primary = primary;
        this.fallback = fallback;
        this.breaker = new RedisBreaker(breaker, metrics, retryAfter, "Redis script", "PostgreSQL alone");
    }

    @Override
    public IssueResult issue(IssuedCoupon copy) {
        // LOCK_UNAVAILABLE here decided nothing and perhaps never asked Redis (no local script permit
        // in time): neither a success nor a failure of Redis. A PostgreSQL failure after the script
        // means Redis answered.
        return breaker.call(copy.couponId(), () -> primary.issue(copy), IssueStoreUnavailableException.class,
                e -> e instanceof CouponException c && c.code() == CouponErrorCode.LOCK_UNAVAILABLE,
                fallback == null ? null : () -> fallback.issue(copy));
    }
}
