package dev.commerce.coupon.adapter.out.redis;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.adapter.out.lock.LockMetrics;
import dev.commerce.coupon.adapter.out.lock.RedisBreaker;
import dev.commerce.coupon.application.port.LockFreeIssuePort;
import dev.commerce.coupon.domain.IssuedCoupon;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;

/**
 * The Redis script behind a Resilience4j circuit breaker, with PostgreSQL alone (the conditional
 * statement) as fallback: while the breaker is open, or when Redis fails on a call, the copy is
 * issued by the fallback. Only {@link RedisUnavailableException} counts as a failure. Every path is
 * guarded by the store: the fallback is the conditional statement with its unique key, never an
 * unguarded write. Counted in {@code coupon.lock.fallback} and {@code coupon.lock.breaker.transitions}
 * like the lock strategy's breaker.
 */
public class CircuitBreakingIssuePort implements LockFreeIssuePort {

    private final LockFreeIssuePort primary;
    private final LockFreeIssuePort fallback;
    private final RedisBreaker breaker;

    /** @param fallback used while Redis is unavailable; {@code null} to answer LOCK_UNAVAILABLE instead */
    public CircuitBreakingIssuePort(LockFreeIssuePort primary, LockFreeIssuePort fallback, CircuitBreaker breaker,
            LockMetrics metrics, Duration retryAfter) {
        this.primary = primary;
        this.fallback = fallback;
        this.breaker = new RedisBreaker(breaker, metrics, retryAfter, "Redis script", "PostgreSQL alone");
    }

    @Override
    public IssueResult issue(IssuedCoupon copy) {
        // LOCK_UNAVAILABLE here decided nothing and perhaps never asked Redis (no local script permit
        // in time): neither a success nor a failure of Redis. A PostgreSQL failure after the script
        // means Redis answered.
        return breaker.call(copy.couponId(), () -> primary.issue(copy), RedisUnavailableException.class,
                e -> e instanceof CouponException c && c.code() == CouponErrorCode.LOCK_UNAVAILABLE,
                fallback == null ? null : () -> fallback.issue(copy));
    }
}
