package dev.commerce.platform.ratelimit;

import dev.commerce.platform.ratelimit.RateLimitProperties.Limit;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Budgets in Redis through Redisson's {@link RRateLimiter}: one limiter per caller and limit, whose
 * Lua script decides and records a request in one round trip, atomically for every instance
 * (ADR 7). A caller Redis does not know yet (new, or idle longer than {@code keepAlive}) costs two
 * more round trips: the script reports it uninitialised, the limit is set, the script runs again.
 *
 * <p>Redis down or slow: a request waits at most {@code timeout} and passes (fail open). When half
 * of the last 20 calls failed, a circuit breaker stops asking Redis for {@code outagePause}, so an
 * outage costs requests nothing; failures are logged at most once a minute.
 */
final class RedisRateLimiter implements RateLimiter {

    static final String KEY_PREFIX = "ratelimit:";

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);
    private static final String NOT_INITIALIZED = "RateLimiter is not initialized";
    private static final long REPORT_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    private final RedissonClient redisson;
    private final long timeoutNanos;
    private final Duration keepAlive;
    private final CircuitBreaker breaker;
    private final AtomicLong nextReport = new AtomicLong(System.nanoTime());
    private final AtomicLong unreported = new AtomicLong();

    RedisRateLimiter(RedissonClient redisson, Duration timeout, Duration outagePause, Duration keepAlive) {
        this.redisson = redisson;
        this.timeoutNanos = timeout.toNanos();
        this.keepAlive = keepAlive;
        this.breaker = CircuitBreaker.of("rate-limit", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(outagePause)
                .permittedNumberOfCallsInHalfOpenState(3)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition().getToState()) {
                case OPEN -> report("Redis keeps failing; requests pass unlimited without asking it for " + outagePause);
                case CLOSED -> log.info("Rate limiting: Redis answers again; requests are limited again");
                default -> { }
            }
        });
    }

    RedisRateLimiter(RedissonClient redisson, RateLimitProperties properties) {
        this(redisson, properties.timeout(), properties.outagePause(), properties.keepAlive());
    }

    @Override
    public RateLimitDecision tryAcquire(String key, Limit limit) {
        if (!breaker.tryAcquirePermission()) {
            return RateLimitDecision.UNAVAILABLE;
        }
        long start = System.nanoTime();
        try {
            boolean acquired = acquire(redisName(key, limit), limit).toCompletableFuture()
                    .get(timeoutNanos, TimeUnit.NANOSECONDS);
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            // the script hides how long until the oldest request leaves the window; at most the window
            return acquired ? RateLimitDecision.ALLOWED : RateLimitDecision.limited(limit.window());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            breaker.releasePermission();
            return RateLimitDecision.UNAVAILABLE;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, cause);
            report("Redis failed (" + describe(cause) + "); requests pass unlimited");
            return RateLimitDecision.UNAVAILABLE;
        }
    }

    /**
     * The limit is part of the name, so that changed settings take effect at once with fresh
     * budgets instead of waiting for the old ones to expire.
     */
    static String redisName(String key, Limit limit) {
        return KEY_PREFIX + key + ":" + limit.permits() + "per" + limit.window().toMillis() + "ms";
    }

    private CompletionStage<Boolean> acquire(String name, Limit limit) {
        RRateLimiter limiter = redisson.getRateLimiter(name);
        return limiter.tryAcquireAsync().handle((acquired, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedStage(acquired);
            }
            if (notInitialized(failure)) {
                // first request of this caller, or Redis forgot it: set the limit (if nobody did meanwhile), ask again
                return limiter.trySetRateAsync(RateType.OVERALL, limit.permits(), limit.window(), keepAlive)
                        .thenCompose(set -> limiter.tryAcquireAsync());
            }
            return CompletableFuture.<Boolean>failedStage(failure);
        }).thenCompose(Function.identity());
    }

    private static boolean notInitialized(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains(NOT_INITIALIZED)) {
                return true;
            }
        }
        return false;
    }

    private String describe(Throwable cause) {
        if (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof TimeoutException ? "no answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** At most one line a minute, however many requests fail. */
    private void report(String message) {
        long now = System.nanoTime();
        long next = nextReport.get();
        if (now - next >= 0 && nextReport.compareAndSet(next, now + REPORT_INTERVAL_NANOS)) {
            long more = unreported.getAndSet(0);
            log.warn("Rate limiting: {}{}", message, more == 0 ? "" : " (" + more + " similar since the last report)");
        } else {
            unreported.incrementAndGet();
        }
    }

    /** For tests: whether Redis is being skipped after repeated failures. */
    boolean pausedForOutage() {
        return breaker.getState() == CircuitBreaker.State.OPEN;
    }
}
