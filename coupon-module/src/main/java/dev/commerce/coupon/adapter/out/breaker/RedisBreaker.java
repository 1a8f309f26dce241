package dev.commerce.coupon.adapter.out.breaker;

import dev.commerce.coupon.CouponException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call to Redis behind the coupon breaker, with a PostgreSQL fallback: what the lock strategy
 * ({@link CircuitBreakingCouponLock}) and the atomic strategy share. While the breaker is open, or
 * when the call fails with the given outage exception (thrown before anything was decided, so the
 * fallback cannot act twice), the fallback runs instead; without a fallback the caller is told
 * {@code LOCK_UNAVAILABLE}. Every other outcome means Redis answered and counts as a success,
 * except those the caller calls neutral (decided nothing, perhaps never asked Redis), which count
 * neither way. Transitions are logged at WARN (counted, and the state exported, by
 * {@link BreakerMetrics#watch}, once per breaker, where it is wired); fallbacks are counted in
 * {@code coupon.lock.fallback} here, where falling back is decided.
 */
final class RedisBreaker {

    private static final Logger log = LoggerFactory.getLogger(RedisBreaker.class);

    private final CircuitBreaker breaker;
    private final BreakerMetrics metrics;
    private final Duration retryAfter;
    private final String primaryName;
    private final String fallbackName;
    private final AtomicReference<String> lastFailure = new AtomicReference<>("none");

    /**
     * @param primaryName  what Redis does here, for logs (for example "Redis lock")
     * @param fallbackName what takes over, for logs (for example "the PostgreSQL advisory lock")
     */
    RedisBreaker(CircuitBreaker breaker, BreakerMetrics metrics, Duration retryAfter, String primaryName,
            String fallbackName) {
        this.breaker = breaker;
        this.metrics = metrics;
        this.retryAfter = retryAfter;
        this.primaryName = primaryName;
        this.fallbackName = fallbackName;
        breaker.getEventPublisher().onStateTransition(event -> {
            String from = event.getStateTransition().getFromState().name().toLowerCase(Locale.ROOT);
            String to = event.getStateTransition().getToState().name().toLowerCase(Locale.ROOT);
            log.warn("Coupon circuit breaker '{}': {} -> {}{}", breaker.getName(), from, to,
                    to.equals("open") ? " (" + primaryName + " unavailable, last failure: " + lastFailure.get()
                            + "; using " + fallbackName + ")" : "");
        });
    }

    /**
     * Runs {@code primary} through the breaker, {@code fallback} (may be null) instead when Redis is
     * out; {@code subject} names the coupon in logs and messages.
     */
    <T> T call(String subject, Supplier<T> primary, Class<? extends RuntimeException> outage,
            Predicate<RuntimeException> neutral, Supplier<T> fallback) {
        if (!breaker.tryAcquirePermission()) {
            return fallback(subject, fallback, "circuit breaker " + breaker.getState());
        }
        long start = breaker.getCurrentTimestamp();
        try {
            T result = primary.get();
            breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
            return result;
        } catch (RuntimeException e) {
            if (outage.isInstance(e)) {
                lastFailure.set(e.getMessage());
                breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
                log.warn("Coupon {}: {} failed ({}); using {}", subject, primaryName,
                        e.getCause() == null ? e.getMessage() : e.getCause().toString(), fallbackName);
                return fallback(subject, fallback, e.getMessage());
            }
            if (neutral.test(e)) {
                breaker.releasePermission();
            } else {
                breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
            }
            throw e;
        } catch (Error e) {
            breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
            throw e;
        }
    }

    private <T> T fallback(String subject, Supplier<T> fallback, String reason) {
        if (fallback == null) {
            throw CouponException.lockUnavailable("the " + primaryName + " is unavailable (" + reason
                    + ") and no fallback is configured. Retry later.", retryAfter, null);
        }
        metrics.fallbackUsed();
        log.debug("Coupon {}: {} instead of the {}: {}", subject, fallbackName, primaryName, reason);
        return fallback.get();
    }
}
