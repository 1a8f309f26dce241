package dev.commerce.coupon.adapter.out.memory;

import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.application.port.FencingToken;
import dev.commerce.coupon.application.port.CouponLock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A fenced lease lock per coupon, like Redisson's fenced lock: a waiter gives up after the wait
 * time; a hold ends at release or when its lease runs out, whichever is first; each acquisition
 * gets a larger token than the last. The work runs in an {@link InMemoryTransactions} transaction
 * that ends before the release.
 */
public final class InMemoryCouponLock implements CouponLock {

    private final InMemoryTransactions transactions;
    private final Duration waitTime;
    private final Duration leaseTime;
    private final Map<String, Hold> holds = new HashMap<>();
    private final Map<String, Long> lastTokens = new HashMap<>();

    public InMemoryCouponLock(InMemoryTransactions transactions, Duration waitTime, Duration leaseTime) {
        this.transactions = transactions;
        this.waitTime = waitTime;
        this.leaseTime = leaseTime;
    }

    @Override
    public <T> T withCouponLocked(String couponId, LockedWork<T> work) {
        long token = acquire(couponId);
        try {
            transactions.begin();
            try {
                T result = work.run(new FencingToken(token, "memory:" + token));
                transactions.commit();
                return result;
            } catch (RuntimeException | Error e) {
                transactions.rollback();
                throw e;
            }
        } finally {
            release(couponId, token);
        }
    }

    /** Whether a live (unexpired) hold exists on the coupon, for tests. */
    public synchronized boolean isLocked(String couponId) {
        Hold hold = holds.get(couponId);
        return hold != null && !hold.expired(System.nanoTime());
    }

    private synchronized long acquire(String couponId) {
        long deadline = System.nanoTime() + waitTime.toNanos();
        try {
            while (true) {
                long now = System.nanoTime();
                Hold hold = holds.get(couponId);
                if (hold == null || hold.expired(now)) {
                    long token = lastTokens.merge(couponId, 1L, Long::sum);
                    holds.put(couponId, new Hold(token, now + leaseTime.toNanos()));
                    return token;
                }
                if (now - deadline >= 0) {
                    throw CouponException.lockUnavailable("coupon " + couponId + " stayed locked longer than "
                            + waitTime, CouponException.DEFAULT_RETRY_AFTER, null);
                }
                // Wake at the deadline or when the lease runs out, whichever is first; release notifies.
                long sleepNanos = Math.min(deadline - now, hold.expiresAt() - now);
                wait(Math.max(1, sleepNanos / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CouponException.lockUnavailable("interrupted while waiting for coupon " + couponId,
                    CouponException.DEFAULT_RETRY_AFTER, e);
        }
    }

    private synchronized void release(String couponId, long token) {
        // Only the holder releases: after its lease ran out, a newer holder may own the lock.
        Hold hold = holds.get(couponId);
        if (hold != null && hold.token() == token) {
            holds.remove(couponId);
        }
        notifyAll();
    }

    private record Hold(long token, long expiresAt) {

        boolean expired(long now) {
            return now - expiresAt >= 0;
        }
    }
}
