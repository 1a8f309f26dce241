package dev.commerce.coupon.adapter.out.lock;

import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.application.port.FencingToken;
import dev.commerce.coupon.application.port.LockPort;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.redisson.RedissonObject;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RFencedLock;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The coupon {@link LockPort} on a Redisson fenced lock, one per coupon: {@code tryLock} with a
 * wait time and a lease, the token handed to the work, the work in one transaction, and the
 * release by the holder thread after that transaction has ended.
 *
 * <p>Within one instance, callers first queue in a fair local lock (striped by coupon id), so
 * that at most one thread per instance and coupon waits on Redis.
 *
 * <p>Redis failures before the work runs surface as {@link LockServiceUnavailableException} for
 * the circuit breaker; a lock not obtained in time is {@code LOCK_UNAVAILABLE} (contention).
 */
public class RedissonCouponLock implements LockPort {

    private static final Logger log = LoggerFactory.getLogger(RedissonCouponLock.class);
    private static final int LOCAL_QUEUES = 1024;

    private final RedissonClient redisson;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final Duration waitTime;
    private final Duration leaseTime;
    private final Duration retryAfter;
    private final LockMetrics metrics;
    private final ReentrantLock[] localQueues = new ReentrantLock[LOCAL_QUEUES];

    public RedissonCouponLock(RedissonClient redisson, PlatformTransactionManager transactionManager, JdbcClient jdbc,
            Duration waitTime, Duration leaseTime, Duration retryAfter, LockMetrics metrics) {
        this.redisson = redisson;
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.waitTime = waitTime;
        this.leaseTime = leaseTime;
        this.retryAfter = retryAfter;
        this.metrics = metrics;
        for (int i = 0; i < localQueues.length; i++) {
            localQueues[i] = new ReentrantLock(true);
        }
    }

    static String lockName(String couponId) {
        return "coupon:lock:" + couponId;
    }

    @Override
    public <T> T withCouponLocked(String couponId, LockedWork<T> work) {
        long start = System.nanoTime();
        // Callers in this instance queue in a fair local lock first, so that each instance sends
        // one contender to Redis per coupon instead of a crowd that floods it with subscriptions.
        ReentrantLock queue = localQueues[Math.floorMod(couponId.hashCode(), localQueues.length)];
        try {
            if (!queue.tryLock(waitTime.toNanos(), TimeUnit.NANOSECONDS)) {
                metrics.waited(LockMetrics.REDISSON, couponId, System.nanoTime() - start, false);
                throw busy(couponId, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy(couponId, e);
        }
        try {
            return lockedInRedis(couponId, work, start);
        } finally {
            queue.unlock();
        }
    }

    private <T> T lockedInRedis(String couponId, LockedWork<T> work, long start) {
        RFencedLock lock = redisson.getFencedLock(lockName(couponId));
        long remainingWait = Math.max(0, waitTime.toNanos() - (System.nanoTime() - start));
        Long token;
        try {
            token = lock.tryLockAndGetToken(TimeUnit.NANOSECONDS.toMillis(remainingWait), leaseTime.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RedisException e) {
            metrics.waited(LockMetrics.REDISSON, couponId, System.nanoTime() - start, false);
            if (redisAnswers(lock)) {
                // Redis is up: the client ran out of connections or subscriptions within the wait
                // time (a crowd on one coupon). That is contention, not an outage.
                throw CouponException.lockUnavailable("coupon " + couponId + " is busy; its lock was not obtained "
                        + "within " + waitTime.toMillis() + " ms (" + e.getClass().getSimpleName() + "). Retry later.",
                        retryAfter, e);
            }
            throw new LockServiceUnavailableException("Redis failed while locking coupon " + couponId + ": " + e, e);
        }
        boolean acquired = token != null && token > 0;
        metrics.waited(LockMetrics.REDISSON, couponId, System.nanoTime() - start, acquired);
        if (!acquired) {
            requireRedisAnswers(lock, couponId);
            throw busy(couponId, null);
        }
        long heldSince = System.nanoTime();
        int holds = 1;
        try {
            long fence = storedFence(couponId);
            if (token <= fence) {
                // Tokens only grow within one Redis lifetime, so a fresh holder behind the database
                // means Redis lost the counter (restart without persistence): move it past the
                // database's newest token, then take a newer token while still holding the lock.
                token = resync(lock, couponId, token, fence);
                holds++;
            }
            FencingToken fencingToken = new FencingToken(token);
            return transactions.execute(status -> work.run(fencingToken));
        } finally {
            metrics.held(LockMetrics.REDISSON, System.nanoTime() - heldSince);
            release(lock, couponId, holds);
        }
    }

    private CouponException busy(String couponId, Throwable cause) {
        return CouponException.lockUnavailable("coupon " + couponId + " is busy; its lock was not obtained within "
                + waitTime.toMillis() + " ms. Retry later.", retryAfter, cause);
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

    private long resync(RFencedLock lock, String couponId, long token, long fence) {
        try {
            // Redisson keeps the counter beside the lock under this name (RedissonFencedLock).
            RAtomicLong counter = redisson.getAtomicLong(RedissonObject.prefixName("redisson_lock_token",
                    lockName(couponId)));
            long current = counter.get();
            if (current < fence) {
                counter.compareAndSet(current, fence);
            }
            Long newer = lock.tryLockAndGetToken(0, leaseTime.toMillis(), TimeUnit.MILLISECONDS);
            if (newer == null || newer <= fence) {
                throw CouponException.lockUnavailable("the lock token of coupon " + couponId
                        + " could not be moved past the stored token " + fence, retryAfter, null);
            }
            log.warn("Coupon {}: Redis lock token {} was behind the database's {}; counter moved on, now {}",
                    couponId, token, fence, newer);
            return newer;
        } catch (RedisException e) {
            throw new LockServiceUnavailableException("Redis failed while resyncing the token of coupon " + couponId, e);
        }
    }

    private static void release(RFencedLock lock, String couponId, int holds) {
        try {
            for (int i = 0; i < holds; i++) {
                lock.unlock();
            }
        } catch (IllegalMonitorStateException e) {
            // The lease ran out before the work ended; a newer holder may own the lock now, and the
            // fencing token has kept this holder's late write out.
            log.warn("Lock of coupon {} expired before its holder released it", couponId);
        } catch (RedisException e) {
            // The transaction has ended; the lease frees the lock when Redis is back.
            log.warn("Could not release the lock of coupon {}: {}", couponId, e.toString());
        }
    }
}
