package dev.commerce.coupon.adapter;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Coupon settings ({@code commerce.coupon.*}).
 *
 * @param lock     the per-coupon lock
 * @param redisson timeouts of the Redis client, short so that a down Redis is noticed in about a second
 */
@Validated
@ConfigurationProperties("commerce.coupon")
public record CouponProperties(@Valid @DefaultValue Lock lock, @Valid @DefaultValue Redisson redisson) {

    /** Which lock guards issuing. */
    public enum LockType {
        /** Redisson fenced lock behind a circuit breaker, PostgreSQL advisory lock as fallback. */
        REDISSON,
        /** PostgreSQL advisory lock only. */
        DATABASE
    }

    /**
     * @param type              {@code redisson} (default) or {@code database}
     * @param waitTime          how long a request waits for the lock before LOCK_UNAVAILABLE
     * @param leaseTime         how long a Redisson lock lives unless released first
     * @param slowWaitThreshold a lock wait longer than this is logged at WARN
     * @param retryAfter        the Retry-After sent with LOCK_UNAVAILABLE
     * @param fallback          the PostgreSQL fallback used while Redis is unavailable
     * @param breaker           the circuit breaker around the Redisson lock
     */
    public record Lock(
            @NotNull @DefaultValue("redisson") LockType type,
            @NotNull @DefaultValue("3s") Duration waitTime,
            @NotNull @DefaultValue("10s") Duration leaseTime,
            @NotNull @DefaultValue("1s") Duration slowWaitThreshold,
            @NotNull @DefaultValue("1s") Duration retryAfter,
            @Valid @DefaultValue Fallback fallback,
            @Valid @DefaultValue Breaker breaker) {
    }

    /**
     * @param enabled  whether to lock in PostgreSQL while Redis is unavailable (else LOCK_UNAVAILABLE)
     * @param waitTime the {@code lock_timeout} of the advisory lock
     */
    public record Fallback(@DefaultValue("true") boolean enabled, @NotNull @DefaultValue("3s") Duration waitTime) {
    }

    /**
     * @param failureRateThreshold          percentage of failed calls that opens the breaker
     * @param slidingWindowSize             how many recent calls the rate is computed over
     * @param minimumNumberOfCalls          calls needed before the rate counts
     * @param waitDurationInOpenState       how long the breaker stays open before trying Redis again
     * @param permittedCallsInHalfOpenState trial calls that decide between closing and opening again
     */
    public record Breaker(
            @Min(1) @Max(100) @DefaultValue("50") float failureRateThreshold,
            @Min(1) @DefaultValue("10") int slidingWindowSize,
            @Min(1) @DefaultValue("5") int minimumNumberOfCalls,
            @NotNull @DefaultValue("5s") Duration waitDurationInOpenState,
            @Min(1) @DefaultValue("3") int permittedCallsInHalfOpenState) {
    }

    /**
     * @param timeout       how long Redisson waits for a Redis answer
     * @param retryAttempts how often Redisson retries a failed command
     * @param retryDelay    the pause between retries
     */
    public record Redisson(
            @NotNull @DefaultValue("2s") Duration timeout,
            @Min(0) @Max(10) @DefaultValue("1") int retryAttempts,
            @NotNull @DefaultValue("200ms") Duration retryDelay) {
    }
}
