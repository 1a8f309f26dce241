package dev.commerce.coupon.adapter.out.lock;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.application.port.CouponLock;
import dev.commerce.coupon.application.port.FencingToken;
import dev.commerce.coupon.application.port.LockServiceUnavailableException;
import java.time.Duration;
import org.redisson.api.RedissonClient;
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
 * a tenth of the lease after it was requested. The Redis side (acquire for a synthetic owner,
 * token check and resync, release) is {@link RedissonRemoteLock}.
 *
 * <p>Redis failures before the work runs surface as {@link LockServiceUnavailableException} for
 * the circuit breaker; a lock not obtained in time is {@code LOCK_UNAVAILABLE} (contention).
 */
final class RedissonCouponLock implements CouponLock {

    private static final int LOCAL_QUEUES = 1024;

    private final TransactionTemplate transactions;
    private final Duration waitTime;
    private final Duration retryAfter;
    private final LockMetrics metrics;
    private final HandoverQueues queues;

    /**
     * @param handoverLimit consecutive local holds per Redis acquisition; 1 releases the Redis lock
     *                      after every issue
     */
    RedissonCouponLock(RedissonClient redisson, PlatformTransactionManager transactionManager, JdbcClient jdbc,
            Duration waitTime, Duration leaseTime, Duration retryAfter, int handoverLimit, LockMetrics metrics) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.waitTime = waitTime;
        this.retryAfter = retryAfter;
        this.metrics = metrics;
        this.queues = new HandoverQueues(LOCAL_QUEUES,
                new RedissonRemoteLock(redisson, jdbc, waitTime, leaseTime, retryAfter), handoverLimit,
                leaseTime.dividedBy(10), System::nanoTime);
    }

    @Override
    public <T> T withCouponLocked(String couponId, LockedWork<T> work) {
        long start = System.nanoTime();
        HandoverQueues.Hold hold = enter(couponId, start);
        boolean mayHandOver = false;
        try {
            metrics.waited(LockMetrics.REDISSON, couponId, hold.heldSince() - start, true);
            if (hold.reused()) {
                metrics.handedOver();
            }
            FencingToken token = new FencingToken(hold.token(), hold.holder());
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

    /** Queues for the lock until the wait time is up; a wait that ends without it is recorded here. */
    private HandoverQueues.Hold enter(String couponId, long start) {
        HandoverQueues.Hold hold = null;
        try {
            hold = queues.enter(couponId, start + waitTime.toNanos());
            if (hold == null) {
                throw RedissonRemoteLock.busy(couponId, waitTime, retryAfter, null);
            }
            return hold;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RedissonRemoteLock.busy(couponId, waitTime, retryAfter, e);
        } finally {
            if (hold == null) {
                metrics.waited(LockMetrics.REDISSON, couponId, System.nanoTime() - start, false);
            }
        }
    }
}
