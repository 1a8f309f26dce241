package dev.commerce.coupon.adapter.out.atomic;

import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.adapter.out.atomic.JdbcClaimStore.CouponState;
import dev.commerce.coupon.application.port.OneStepIssue;
import dev.commerce.coupon.application.port.IssueStoreUnavailableException;
import dev.commerce.coupon.domain.IssuedCoupon;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code commerce.coupon.strategy=atomic}: one Lua script decides and records the claim in Redis
 * (user not yet holding it, fewer than the total issued) together with a stream entry naming the
 * copy; then the copy is written to PostgreSQL idempotently before the answer, and the stream entry
 * is acknowledged only after that commit. With {@code writeBatchSize > 1} the copies of concurrent
 * requests are written many per statement by the {@link ClaimWriter} (group commit), and their
 * entries acknowledged per batch by the {@link ClaimAcknowledger}, off the requests' path; with {@code 1},
 * each request writes its own copy in one statement and acknowledges its entry. A process that dies
 * in between leaves the entry pending; {@link RedisStreamClaimRecovery} writes it. PostgreSQL stays the source of truth: a
 * coupon missing in Redis (new, or Redis lost its data) is loaded from it first, and its constraints
 * refuse what a Redis state that fell behind would admit (Redis is then marked sold out, or its state
 * dropped and reloaded).
 *
 * <p>Redis failures surface as {@link IssueStoreUnavailableException} for the circuit breaker; failures
 * of PostgreSQL after the script leave the claim to the recovery job.
 */
class RedisScriptOneStepIssue implements OneStepIssue, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisScriptOneStepIssue.class);
    private static final int LOAD_ATTEMPTS = 5;

    private final RedisClaims redis;
    private final JdbcClaimStore store;
    private final Duration retryAfter;
    private final AtomicIssueMetrics metrics;
    private final Semaphore scriptPermits;
    private final Duration permitWait;
    private final ClaimAcknowledger acknowledger;
    private final ClaimWriter writer;
    private volatile LongPredicate crashAfterClaim = user -> false;

    /**
     * One statement per copy, no group commit (as with {@code writeBatchSize} 1).
     *
     * @param maxConcurrentScripts scripts this instance runs at once; the other requests wait for a
     *                             permit (fair) up to {@code permitWait}, then get LOCK_UNAVAILABLE
     */
    public RedisScriptOneStepIssue(RedisClaims redis, JdbcClaimStore store, Duration retryAfter,
            AtomicIssueMetrics metrics, int maxConcurrentScripts, Duration permitWait) {
        this(redis, store, retryAfter, metrics, maxConcurrentScripts, permitWait, 1, 1);
    }

    /**
     * @param maxConcurrentScripts scripts this instance runs at once; the other requests wait for a
     *                             permit (fair) up to {@code permitWait}, then get LOCK_UNAVAILABLE
     * @param writeBatchSize       copies written to PostgreSQL per statement at most; 1: each request
     *                             writes its own copy and acknowledges its entry itself
     * @param writeLanes           the {@link ClaimWriter}'s queues (coupons spread over them by id)
     */
    public RedisScriptOneStepIssue(RedisClaims redis, JdbcClaimStore store, Duration retryAfter,
            AtomicIssueMetrics metrics, int maxConcurrentScripts, Duration permitWait, int writeBatchSize,
            int writeLanes) {
        this.redis = redis;
        this.store = store;
        this.retryAfter = retryAfter;
        this.metrics = metrics;
        this.scriptPermits = new Semaphore(maxConcurrentScripts, true);
        this.permitWait = permitWait;
        if (writeBatchSize > 1) {
            this.acknowledger = new ClaimAcknowledger(redis, metrics, "coupon-claim-acknowledger-" + redis.consumer());
            this.writer = new ClaimWriter(ClaimWriter.Store.of(store), writeBatchSize, writeLanes, permitWait,
                    retryAfter, acknowledger::acknowledge, metrics);
        } else {
            this.acknowledger = null;
            this.writer = null;
        }
    }

    /** Stops the acknowledger thread (group commit only); entries it did not acknowledge stay to the recovery job. */
    @Override
    public void close() {
        if (acknowledger != null) {
            acknowledger.close();
        }
    }

    /**
     * A fault, the package-level seam of the full-stack tests (AtomicIssueFaults): for users matching {@code users}, behave like a process that dies right after
     * the script recorded the claim, before PostgreSQL has it (the request fails, nothing is written,
     * the stream entry stays pending). {@code user -> false} turns it off.
     */
    void crashAfterClaimFor(LongPredicate users) {
        this.crashAfterClaim = users;
    }

    @Override
    public IssueResult issue(IssuedCoupon copy) {
        for (int attempt = 1; attempt <= LOAD_ATTEMPTS; attempt++) {
            RedisClaims.Claim claim = claim(copy);
            switch (claim.verdict()) {
                case ISSUED -> {
                    return persist(copy, claim.entryId());
                }
                case SOLD_OUT -> {
                    return IssueResult.SOLD_OUT;
                }
                case ALREADY_ISSUED -> {
                    return IssueResult.ALREADY_ISSUED;
                }
                case NOT_LOADED -> {
                    Optional<CouponState> state = store.state(copy.couponId());
                    if (state.isEmpty()) {
                        return IssueResult.COUPON_NOT_FOUND;
                    }
                    load(copy.couponId(), state.get());
                }
            }
        }
        // The state vanished again after each load (Redis flushed repeatedly): nothing was claimed.
        throw CouponException.lockUnavailable("the Redis state of coupon " + copy.couponId()
                + " could not be loaded; retry", retryAfter, null);
    }

    /**
     * Runs the claim script holding one of this instance's permits. Without the bound, a crowd of
     * request threads floods the Redis client: commands queue in its event loop past the command
     * timeout on a busy machine, and those local time-outs would pass for a Redis outage (ADR 5
     * found the same for the lock).
     */
    private RedisClaims.Claim claim(IssuedCoupon copy) {
        try {
            if (!scriptPermits.tryAcquire(permitWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(copy, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy(copy, e);
        }
        try {
            return redis.claim(copy);
        } catch (RedisException e) {
            throw new IssueStoreUnavailableException("Redis failed while claiming coupon " + copy.couponId() + ": " + e, e);
        } finally {
            scriptPermits.release();
        }
    }

    private CouponException busy(IssuedCoupon copy, Throwable cause) {
        return CouponException.lockUnavailable("coupon " + copy.couponId() + " is busy: no Redis script permit within "
                + permitWait.toMillis() + " ms. Retry later.", retryAfter, cause);
    }

    private void load(String couponId, CouponState state) {
        try {
            if (redis.load(couponId, state)) {
                metrics.reloaded();
                log.info("Coupon {}: Redis state loaded from PostgreSQL (total {}, issued {})", couponId,
                        state.total(), state.issued());
            }
        } catch (RedisException e) {
            throw new IssueStoreUnavailableException("Redis failed while loading coupon " + couponId + ": " + e, e);
        }
    }

    private IssueResult persist(IssuedCoupon copy, String entryId) {
        if (crashAfterClaim.test(copy.userId())) {
            throw new SimulatedCrashException("simulated crash after the claim of coupon " + copy.couponId()
                    + " for user " + copy.userId() + " (stream entry " + entryId + " left pending)");
        }
        // A PostgreSQL failure here propagates with the entry still pending: the recovery job writes it.
        JdbcClaimStore.Persisted persisted;
        if (writer != null) {
            // committed with the batch; the writer hands the batch to the acknowledger for Redis
            persisted = writer.write(copy, entryId);
        } else {
            persisted = store.persist(copy);
            ClaimAcknowledger.acknowledge(copy, entryId, persisted, redis, metrics);
        }
        return switch (persisted) {
            case WRITTEN, ALREADY_WRITTEN -> IssueResult.ISSUED;
            case USER_HOLDS_ANOTHER -> IssueResult.ALREADY_ISSUED;
            case SOLD_OUT -> IssueResult.SOLD_OUT;
            case NO_COUPON -> IssueResult.COUPON_NOT_FOUND;
        };
    }

    /** The test fault of {@link #crashAfterClaimFor}. */
    static class SimulatedCrashException extends RuntimeException {

        SimulatedCrashException(String message) {
            super(message);
        }
    }
}
