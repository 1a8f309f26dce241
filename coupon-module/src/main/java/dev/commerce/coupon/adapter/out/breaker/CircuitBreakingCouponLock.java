package dev.commerce.coupon.adapter.out.breaker;

import dev.commerce.coupon.application.port.CouponLock;
import dev.commerce.coupon.application.port.LockServiceUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;

/**
 * The Redisson lock behind a Resilience4j circuit breaker, with a PostgreSQL lock as fallback:
 * while the breaker is open (or when Redis fails on a call) the coupon is locked in PostgreSQL
 * instead; it never proceeds without a lock. Only {@link LockServiceUnavailableException} counts as
 * a failure: contention and the work's own outcomes count as successes of the lock service.
 */
final class CircuitBreakingCouponLock implements CouponLock {

    private final CouponLock primary;
    private final CouponLock fallback;
    private final RedisBreaker breaker;

    /** @param fallback the lock used while the primary is unavailable; {@code null} to answer LOCK_UNAVAILABLE */
    CircuitBreakingCouponLock(CouponLock primary, CouponLock fallback, CircuitBreaker breaker, BreakerMetrics metrics,
            Duration retryAfter) {
        this.primary = primary;
        this.fallback = fallback;
        this.breaker = new RedisBreaker(breaker, metrics, retryAfter, "Redis lock", "the PostgreSQL advisory lock");
    }

    @Override
    public <T> T withCouponLocked(String couponId, LockedWork<T> work) {
        // LockServiceUnavailableException is thrown before the work ran: the fallback cannot run it twice.
        return breaker.call(couponId, () -> primary.withCouponLocked(couponId, work),
                LockServiceUnavailableException.class, e -> false,
                fallback == null ? null : () -> fallback.withCouponLocked(couponId, work));
    }
}
