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
 * @param strategy how issuing stays exact: {@code lock} (default), {@code atomic} or {@code conditional}
 * @param lock     the per-coupon lock ({@code strategy=lock}); its fallback switch and breaker settings
 *                 also apply to the Redis script of {@code strategy=atomic}
 * @param atomic   the Redis script strategy: script permits, group commit of its writes, recovery of
 *                 claims a crashed process never persisted
 * @param redisson timeouts of the Redis client, short so that a down Redis is noticed in about a second
 */
@Validated
@ConfigurationProperties("commerce.coupon")
public record CouponProperties(@NotNull @DefaultValue("lock") Strategy strategy, @Valid @DefaultValue Lock lock,
        @Valid @DefaultValue Atomic atomic, @Valid @DefaultValue Redisson redisson) {

    /** How concurrent issues of one coupon are kept exact. */
    public enum Strategy {
        /**
         * Read, check and write under a per-coupon lock ({@code lock.type}: Redisson fenced lock with a
         * PostgreSQL advisory-lock fallback, or the advisory lock alone).
         */
        LOCK,
        /**
         * One Lua script in Redis decides and records the claim (and a stream entry as hand-off record);
         * the claim is then written to PostgreSQL before the answer, and a recovery job writes claims a
         * crashed process left behind. Redis unavailable: {@link #CONDITIONAL} behind the circuit breaker.
         */
        ATOMIC,
        /** PostgreSQL alone: one conditional UPDATE + INSERT statement, the unique constraint for repeats. */
        CONDITIONAL
    }

    /**
     * @param recoveryInterval  delay between two runs of the recovery job (every instance runs it)
     * @param recoveryMinIdle   a claim whose stream entry is unacknowledged this long is taken over and
     *                          persisted by the recovery job; longer than any request should take
     * @param recoveryBatchSize stream entries taken over per run
     * @param maxConcurrentScripts claim scripts one instance runs at once; other requests wait for a
     *                          permit up to {@code lock.wait-time}, then get LOCK_UNAVAILABLE
     * @param writeBatchSize    admitted claims written to PostgreSQL in one statement at most (group
     *                          commit); {@code 1}: one statement per claim, by its own request
     * @param writeLanes        with {@code writeBatchSize > 1}: batches one instance writes at once, each
     *                          for its own share of the coupons (a coupon's claims are one batch at a time)
     */
    public record Atomic(
            @NotNull @DefaultValue("5s") Duration recoveryInterval,
            @NotNull @DefaultValue("30s") Duration recoveryMinIdle,
            @Min(1) @Max(10_000) @DefaultValue("100") int recoveryBatchSize,
            @Min(1) @Max(1_000) @DefaultValue("16") int maxConcurrentScripts,
            @Min(1) @Max(1_000) @DefaultValue("64") int writeBatchSize,
            @Min(1) @Max(64) @DefaultValue("4") int writeLanes) {
    }

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
     * @param handoverLimit     Redisson: consecutive holds of this instance that share one Redis acquisition
     *                          (the lock is handed over locally while requests are queued here); 1 releases
     *                          the Redis lock after every issue. Higher: more throughput on a hot coupon,
     *                          other instances wait up to about this many holds longer
     * @param fallback          the PostgreSQL fallback used while Redis is unavailable
     * @param breaker           the circuit breaker around the Redisson lock
     */
    public record Lock(
            @NotNull @DefaultValue("redisson") LockType type,
            @NotNull @DefaultValue("3s") Duration waitTime,
            @NotNull @DefaultValue("10s") Duration leaseTime,
            @NotNull @DefaultValue("1s") Duration slowWaitThreshold,
            @NotNull @DefaultValue("1s") Duration retryAfter,
            @Min(1) @DefaultValue("32") int handoverLimit,
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
