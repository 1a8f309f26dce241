package dev.commerce.coupon.adapter.out.lock;

import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.application.port.LockPort;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redisson lock behind a Resilience4j circuit breaker, with a PostgreSQL lock as fallback:
 * while the breaker is open (or when Redis fails on a call) the coupon is locked in PostgreSQL
 * instead; it never proceeds without a lock. Only {@link LockServiceUnavailableException} counts as
 * a failure: contention and the work's own outcomes count as successes of the lock service.
 */
public class CircuitBreakingCouponLock implements LockPort {

    private static final Logger log = LoggerFactory.getLogger(CircuitBreakingCouponLock.class);

    private final LockPort primary;
    private final LockPort fallback;
    private final CircuitBreaker breaker;
    private final LockMetrics metrics;
    private final Duration retryAfter;
    private final java.util.concurrent.atomic.AtomicReference<String> lastFailure =
            new java.util.concurrent.atomic.AtomicReference<>("none");

    /** @param fallback the lock used while the primary is unavailable; {@code null} to answer LOCK_UNAVAILABLE */
    public CircuitBreakingCouponLock(LockPort primary, LockPort fallback, CircuitBreaker breaker, LockMetrics metrics,
            Duration retryAfter) {
        this.primary = primary;
        this.fallback = fallback;
        this.breaker = breaker;
        this.metrics = metrics;
        this.retryAfter = retryAfter;
        breaker.getEventPublisher().onStateTransition(event -> {
            String from = event.getStateTransition().getFromState().name().toLowerCase(Locale.ROOT);
            String to = event.getStateTransition().getToState().name().toLowerCase(Locale.ROOT);
            log.warn("Coupon lock circuit breaker '{}': {} -> {}{}", breaker.getName(), from, to,
                    to.equals("open") ? " (Redis lock unavailable, last failure: " + lastFailure.get()
                            + "; using the PostgreSQL fallback)" : "");
            metrics.breakerTransition(from, to);
        });
    }

    @Override
    public <T> T withCouponLocked(String couponId, LockedWork<T> work) {
        if (!breaker.tryAcquirePermission()) {
            return withFallback(couponId, work, "circuit breaker " + breaker.getState());
        }
        long start = breaker.getCurrentTimestamp();
        try {
            T result = primary.withCouponLocked(couponId, work);
            breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
            return result;
        } catch (LockServiceUnavailableException e) {
            // Thrown before the work ran: running it under the fallback cannot run it twice.
            lastFailure.set(e.getMessage());
            breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
            return withFallback(couponId, work, e.getMessage());
        } catch (RuntimeException | Error e) {
            // The lock service answered: contention or the work's own outcome.
            breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
            throw e;
        }
    }

    private <T> T withFallback(String couponId, LockedWork<T> work, String reason) {
        if (fallback == null) {
            throw CouponException.lockUnavailable("the coupon lock service is unavailable (" + reason
                    + ") and no fallback is configured. Retry later.", retryAfter, null);
        }
        metrics.fallbackUsed();
        log.debug("Coupon {} locked in PostgreSQL: {}", couponId, reason);
        return fallback.withCouponLocked(couponId, work);
    }
}
