package dev.commerce.coupon.adapter.out.lock;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.application.port.FencingToken;
import dev.commerce.coupon.application.port.LockServiceUnavailableException;
import dev.commerce.coupon.application.port.CouponLock;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The coupon {@link CouponLock} on a Redisson fenced lock, one per coupon: {@code tryLock} with a
 * wait time and a lease, the token handed to the work, the work in one transaction, and the
 * release after that transaction has ended.
 *
 * <p>Within one instance, callers first queue in a fair local lock (striped by coupon id), so
 * that at most one thread per instance and coupon waits on Redis. When a holder is done and
 * another caller of this instance is queued, the Redis lock is handed over locally instead of
 * being released and taken again ({@link HandoverQueues}): the next holder writes with the same
 * fencing token (the fenced UPDATE accepts a token equal to the stored one). At most
 * {@code handoverLimit} consecutive holds share one Redis acquisition, and none starts later than
 * a tenth of the lease after it was requested. Since the Redis lock then outlives the thread that
 * took it, it is taken and released for a synthetic owner id rather than the current thread
 * ({@code RedissonFencedLock.tryLockAndGetTokenAsync(wait, lease, unit, threadId)}, public on the
 * implementation though not on {@link RFencedLock} in Redisson 4.7, and {@code unlockAsync(threadId)}).
 *
 * <p>Redis failures before the work runs surface as {@link LockServiceUnavailableException} for
 * the circuit breaker; a lock not obtained in time is {@code LOCK_UNAVAILABLE} (contention).
 *
 * <p>Why one class of about 280 lines: acquiring, the transaction and the release after it form one
 * critical sequence around one fencing token (acquire, run, release only after commit or rollback);
 * the local queueing already lives in {@link HandoverQueues}, the metrics in {@link LockMetrics}.
 */
final class RedissonCouponLock implements CouponLock {

    private static final Logger log = LoggerFactory.getLogger(RedissonCouponLock.class);
    private static final int LOCAL_QUEUES = 1024;

    private final RedissonClient redisson;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final Duration waitTime;
    private final Duration leaseTime;
    private final Duration retryAfter;
    private final LockMetrics metrics;
    private final HandoverQueues queues;

    /**
     * @param handoverLimit consecutive local holds per Redis acquisition; 1 releases the Redis lock
     *                      after every issue
     */
    RedissonCouponLock(RedissonClient redisson, PlatformTransactionManager transactionManager, JdbcClient jdbc,
            Duration waitTime, Duration leaseTime, Duration retryAfter, int handoverLimit, LockMetrics metrics) {
        this.redisson = redisson;
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.waitTime = waitTime;
        this.leaseTime = leaseTime;
        this.retryAfter = retryAfter;
        this.metrics = metrics;
        this.queues = new HandoverQueues(LOCAL_QUEUES, new HandoverQueues.RemoteLock() {
            @Override
            public HandoverQueues.Grant acquire(String couponId, long owner, long waitNanos) {
                return lockInRedis(couponId, owner, waitNanos);
            }

            @Override
            public void release(String couponId, long owner, int holds) {
                unlockInRedis(couponId, owner, holds);
            }
        }, handoverLimit, leaseTime.dividedBy(10), System::nanoTime);
    }

    static String lockName(String couponId) {
        return "coupon:lock:" + couponId;
    }

    @Override
    public <T> T withCouponLocked(String couponId, LockedWork<T> work) {
        long start = System.nanoTime();
        HandoverQueues.Hold hold;
        try {
            hold = queues.enter(couponId, start + waitTime.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.waited(LockMetrics.REDISSON, couponId, System.nanoTime() - start, false);
            throw busy(couponId, e);
        } catch (RuntimeException e) {
            metrics.waited(LockMetrics.REDISSON, couponId, System.nanoTime() - start, false);
            throw e;
        }
        if (hold == null) {
            metrics.waited(LockMetrics.REDISSON, couponId, System.nanoTime() - start, false);
            throw busy(couponId, null);
        }
        boolean mayHandOver = false;
        try {
            metrics.waited(LockMetrics.REDISSON, couponId, hold.heldSince() - start, true);
            if (hold.reused()) {
                metrics.handedOver();
            }
            FencingToken token = new FencingToken(hold.token());
            T result = transactions.execute(status -> work.run(token));
            mayHandOver = true;
            return result;
        } catch (CouponException e) {
            // a refusal (sold out, already issued) leaves the lock as good as it was; a lock
            // lost to a newer holder (stale token) does not
            mayHandOver = e.code() != CouponErrorCode.LOCK_UNAVAILABLE;
            throw e;
        } finally {
            metrics.held(LockMetrics.REDISSON, System.nanoTime() - hold.heldSince());
            hold.exit(mayHandOver);
        }
    }

    /** A fresh acquisition: the Redis lock, then its token checked against the stored one. */
    private HandoverQueues.Grant lockInRedis(String couponId, long owner, long waitNanos) {
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
            throw busy(couponId, null);
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
            unlockInRedis(couponId, owner, holds);
            throw e;
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
                unlockInRedis(couponId, owner, 1);
            }
            throw CouponException.lockUnavailable("the lock token of coupon " + couponId
                    + " could not be moved past the stored token " + fence, retryAfter, null);
        }
        log.warn("Coupon {}: Redis lock token {} was behind the database's {}; counter moved on, now {}",
                couponId, token, fence, newer);
        return newer;
    }

    private void unlockInRedis(String couponId, long owner, int holds) {
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
}
