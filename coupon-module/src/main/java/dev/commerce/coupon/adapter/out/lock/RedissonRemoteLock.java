package dev.commerce.coupon.adapter.out.lock;

import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.application.port.LockServiceUnavailableException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.redisson.RedissonFencedLock;
import org.redisson.RedissonObject;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RFencedLock;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Redisson fenced lock of a coupon as the {@link HandoverQueues} use it: taken and released for a
 * synthetic owner id rather than the current thread, since a handed-over lock outlives the thread
 * that took it ({@code RedissonFencedLock.tryLockAndGetTokenAsync(wait, lease, unit, threadId)}, public
 * on the implementation though not on {@link RFencedLock} in Redisson 4.7, and
 * {@code unlockAsync(threadId)}). A fresh token is checked against the coupon's stored one, and the
 * Redis counter moved past it when Redis lost it.
 *
 * <p>Redis failures surface as {@link LockServiceUnavailableException} for the circuit breaker; a
 * lock not obtained in time, or a client out of connections while Redis answers, is
 * {@code LOCK_UNAVAILABLE} (contention).
 */
final class RedissonRemoteLock implements HandoverQueues.RemoteLock {

    private static final Logger log = LoggerFactory.getLogger(RedissonRemoteLock.class);

    private final RedissonClient redisson;
    private final JdbcClient jdbc;
    private final Duration waitTime;
    private final Duration leaseTime;
    private final Duration retryAfter;

    RedissonRemoteLock(RedissonClient redisson, JdbcClient jdbc, Duration waitTime, Duration leaseTime,
            Duration retryAfter) {
        this.redisson = redisson;
        this.jdbc = jdbc;
        this.waitTime = waitTime;
        this.leaseTime = leaseTime;
        this.retryAfter = retryAfter;
    }

    static String lockName(String couponId) {
        return "coupon:lock:" + couponId;
    }

    /** The answer to a lock not obtained within {@code waitTime}. */
    static CouponException busy(String couponId, Duration waitTime, Duration retryAfter, Throwable cause) {
        return CouponException.lockUnavailable("coupon " + couponId + " is busy; its lock was not obtained within "
                + waitTime.toMillis() + " ms. Retry later.", retryAfter, cause);
    }

    /** A fresh acquisition: the Redis lock, then its token checked against the stored one. */
    @Override
    public HandoverQueues.Grant acquire(String couponId, long owner, long waitNanos) {
        RFencedLock lock = redisson.getFencedLock(lockName(couponId));
        Long token;
        try {
            token = tryLock(lock, TimeUnit.NANOSECONDS.toMillis(waitNanos), owner);
        } catch (RedisException e) {
            if (redisAnswers(lock)) {
                // Redis is up: the client ran out of connections or subscriptions within the wait
                // time (a crowd on one coupon). That is contention, not an outage.
                throw CouponException.lockUnavailable("coupon " + couponId + " is busy; its lock was not obtained "
                        + "within " + waitTime.toMillis() + " ms (" + e.getClass().getSimpleName() + "). Retry later.",
                        retryAfter, e);
            }
            throw new LockServiceUnavailableException("Redis failed while locking coupon " + couponId + ": " + e, e);
        }
        if (token == null || token <= 0) {
            requireRedisAnswers(lock, couponId);
            throw busy(couponId, waitTime, retryAfter, null);
        }
        long grantedAt = System.nanoTime();
        int holds = 1;
        try {
            long fence = storedFence(couponId);
            if (token <= fence) {
                // Tokens only grow within one Redis lifetime, so a fresh holder behind the database
                // means Redis lost the counter (restart without persistence): move it past the
                // database's newest token, then take a newer token while still holding the lock.
                token = resync(lock, couponId, owner, token, fence);
                holds++;
            }
            return new HandoverQueues.Grant(token, holds, grantedAt);
        } catch (RuntimeException | Error e) {
            release(couponId, owner, holds);
            throw e;
        }
    }

    @Override
    public void release(String couponId, long owner, int holds) {
        RFencedLock lock = redisson.getFencedLock(lockName(couponId));
        try {
            for (int i = 0; i < holds; i++) {
                await(lock.unlockAsync(owner));
            }
        } catch (IllegalMonitorStateException e) {
            // The lease ran out before the holders were done; a newer holder may own the lock now,
            // and the fencing token has kept late writes out.
            log.warn("Lock of coupon {} expired before its holder released it", couponId);
        } catch (RedisException e) {
            // The transaction has ended; the lease frees the lock when Redis is back.
            log.warn("Could not release the lock of coupon {}: {}", couponId, e.toString());
        }
    }

    private Long tryLock(RFencedLock lock, long waitMillis, long owner) {
        if (!(lock instanceof RedissonFencedLock fenced)) {
            throw new IllegalStateException("expected Redisson's own fenced lock, got " + lock.getClass());
        }
        RFuture<Long> future = fenced.tryLockAndGetTokenAsync(waitMillis, leaseTime.toMillis(), TimeUnit.MILLISECONDS,
                owner);
        try {
            return future.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // Redisson releases a lock granted after the cancel; one granted just before is released here
            if (!future.cancel(false)) {
                future.thenAccept(granted -> {
                    if (granted != null) {
                        lock.unlockAsync(owner);
                    }
                });
            }
            throw new RedisException("Interrupted while waiting for the lock " + lock.getName(), e);
        } catch (ExecutionException e) {
            throw redisFailure(e);
        }
    }

    private static void await(RFuture<?> future) {
        try {
            future.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisException("Interrupted while waiting for Redis", e);
        } catch (ExecutionException e) {
            throw redisFailure(e);
        }
    }

    /** What Redisson's synchronous calls throw: its own exception, or the failure wrapped in one. */
    private static RuntimeException redisFailure(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RedisException || cause instanceof IllegalMonitorStateException) {
            return (RuntimeException) cause;
        }
        return new RedisException("Unexpected exception while processing command", cause);
    }

    /**
     * Redisson also answers "not acquired" when Redis went away while the caller waited. Asking
     * Redis about the lock tells contention (it answers) from an outage (it throws), so that an
     * outage reaches the circuit breaker instead of passing for a busy coupon.
     */
    private static void requireRedisAnswers(RFencedLock lock, String couponId) {
        if (!redisAnswers(lock)) {
            throw new LockServiceUnavailableException("Redis did not answer after a failed wait for the lock of coupon "
                    + couponId, null);
        }
    }

    private static boolean redisAnswers(RFencedLock lock) {
        try {
            lock.isLocked();
            return true;
        } catch (RedisException e) {
            return false;
        }
    }

    private long storedFence(String couponId) {
        return jdbc.sql("SELECT fence_token FROM coupon.coupon WHERE id = ?").param(couponId)
                .query(Long.class).optional().orElse(0L);
    }

    /** @return the newer token, held re-entrantly (a second hold of {@code owner}) */
    private long resync(RFencedLock lock, String couponId, long owner, long token, long fence) {
        Long newer;
        try {
            // Redisson keeps the counter beside the lock under this name (RedissonFencedLock).
            RAtomicLong counter = redisson.getAtomicLong(RedissonObject.prefixName("redisson_lock_token",
                    lockName(couponId)));
            long current = counter.get();
            if (current < fence) {
                counter.compareAndSet(current, fence);
            }
            newer = tryLock(lock, 0, owner);
        } catch (RedisException e) {
            throw new LockServiceUnavailableException("Redis failed while resyncing the token of coupon " + couponId, e);
        }
        if (newer == null || newer <= fence) {
            if (newer != null) {
                release(couponId, owner, 1);
            }
            throw CouponException.lockUnavailable("the lock token of coupon " + couponId
                    + " could not be moved past the stored token " + fence, retryAfter, null);
        }
        log.warn("Coupon {}: Redis lock token {} was behind the database's {}; counter moved on, now {}",
                couponId, token, fence, newer);
        return newer;
    }
}
