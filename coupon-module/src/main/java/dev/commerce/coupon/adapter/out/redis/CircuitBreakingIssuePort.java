package dev.commerce.coupon.adapter.out.redis;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.adapter.out.lock.LockMetrics;
import dev.commerce.coupon.application.port.LockFreeIssuePort;
import dev.commerce.coupon.domain.IssuedCoupon;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis script behind a Resilience4j circuit breaker, with PostgreSQL alone (the conditional
 * statement) as fallback: while the breaker is open, or when Redis fails on a call, the copy is
 * issued by the fallback. Only {@link RedisUnavailableException} counts as a failure. Every path is
 * guarded by the store: the fallback is the conditional statement with its unique key, never an
 * unguarded write. Counted in {@code coupon.lock.fallback} and {@code coupon.lock.breaker.transitions}
 * like the lock strategy's breaker.
 */
public class CircuitBreakingIssuePort implements LockFreeIssuePort {

    private static final Logger log = LoggerFactory.getLogger(CircuitBreakingIssuePort.class);

    private final LockFreeIssuePort primary;
    private final LockFreeIssuePort fallback;
    private final CircuitBreaker breaker;
    private final LockMetrics metrics;
    private final Duration retryAfter;
    private final AtomicReference<String> lastFailure = new AtomicReference<>("none");

    /** @param fallback used while Redis is unavailable; {@code null} to answer LOCK_UNAVAILABLE instead */
    public CircuitBreakingIssuePort(LockFreeIssuePort primary, LockFreeIssuePort fallback, CircuitBreaker breaker,
            LockMetrics metrics, Duration retryAfter) {
        this.primary = primary;
        this.fallback = fallback;
        this.breaker = breaker;
        this.metrics = metrics;
        this.retryAfter = retryAfter;
        breaker.getEventPublisher().onStateTransition(event -> {
            String from = event.getStateTransition().getFromState().name().toLowerCase(Locale.ROOT);
            String to = event.getStateTransition().getToState().name().toLowerCase(Locale.ROOT);
            log.warn("Coupon Redis circuit breaker '{}': {} -> {}{}", breaker.getName(), from, to,
                    to.equals("open") ? " (Redis script unavailable, last failure: " + lastFailure.get()
                            + "; issuing through PostgreSQL alone)" : "");
            metrics.breakerTransition(from, to);
        });
    }

    @Override
    public IssueResult issue(IssuedCoupon copy) {
        if (!breaker.tryAcquirePermission()) {
            return withFallback(copy, "circuit breaker " + breaker.getState());
        }
        long start = breaker.getCurrentTimestamp();
        try {
            IssueResult result = primary.issue(copy);
            breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
            return result;
        } catch (RedisUnavailableException e) {
            lastFailure.set(e.getMessage());
            breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
            log.warn("Coupon {}: Redis failed ({}); issuing through PostgreSQL alone", copy.couponId(),
                    e.getCause() == null ? e.getMessage() : e.getCause().toString());
            return withFallback(copy, e.getMessage());
        } catch (CouponException e) {
            if (e.code() == CouponErrorCode.LOCK_UNAVAILABLE) {
                // Not decided and Redis perhaps not even asked (no local script permit in time):
                // neither a success nor a failure of Redis.
                breaker.releasePermission();
            } else {
                breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
            }
            throw e;
        } catch (RuntimeException | Error e) {
            // Redis answered; the failure is elsewhere (PostgreSQL) or the request's own outcome.
            breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
            throw e;
        }
    }

    private IssueResult withFallback(IssuedCoupon copy, String reason) {
        if (fallback == null) {
            throw CouponException.lockUnavailable("Redis is unavailable for coupons (" + reason
                    + ") and no fallback is configured. Retry later.", retryAfter, null);
        }
        metrics.fallbackUsed();
        log.debug("Coupon {} issued through PostgreSQL alone: {}", copy.couponId(), reason);
        return fallback.issue(copy);
    }
}
