package dev.commerce.coupon.adapter.out.lock;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fair local queues in front of a remote per-coupon lock (Redis), and the hand-over of that
 * remote lock from one local holder to the next ("lock coarsening").
 *
 * <p>Callers of one instance queue in a fair {@link ReentrantLock}, striped by coupon id. The
 * holder of a stripe holds the coupon's remote lock. When it is done and another caller is queued
 * on the same stripe, it does not release the remote lock but leaves it <em>kept</em> on the
 * stripe, and the next holder of the stripe reuses it with its fencing token: no remote round
 * trip. The remote lock is released when nobody is queued, when the chain of local holders reached
 * {@code limit} holds (so that other instances get their turn), when it has been held for
 * {@code maxChainAge} (well inside the lease, so that a reused lock never nears its expiry), when
 * the holder may not hand over (its work failed in a way that puts the lock in doubt), or when the
 * next holder wants another coupon of the same stripe.
 *
 * <p>A kept lock is never stranded. {@code waiters} counts callers between their arrival at the
 * stripe and the moment their local {@code tryLock} returns, and a lock is only kept while it is
 * positive. Whoever ends a state in which a lock is kept while nobody holds the stripe and nobody
 * waits (a holder or sweeper unlocking the stripe, a waiter giving up) checks for it afterwards
 * and, if it can take the stripe without waiting, releases the kept lock ({@link #sweep}). If it
 * cannot take the stripe, the thread holding it will run the same check after its own unlock.
 *
 * <p>Every field of a stripe's chain is written under the stripe's lock; {@code kept} is volatile
 * for the unlocked pre-check of the sweep.
 *
 * <p>Why one class of about 290 lines: the stripe's fair lock, its waiter count, the kept remote lock
 * and the chain of holds are one protocol whose fields are all written under the stripe's lock (the
 * no-stranded-lock argument above spans all of them); split apart, each piece would have to expose
 * that state. {@code HandoverQueuesTest} proves the protocol as a whole.
 *
 * <p>Why not the inventory module's {@code LocalRowQueue}: that queue holds nothing remote (the row
 * locks are taken anew by every transaction and end with it); this one keeps a remote Redis lock
 * per stripe and hands it from one local holder to the next, with chain limits and a sweeper.
 */
final class HandoverQueues {

    private static final Logger log = LoggerFactory.getLogger(HandoverQueues.class);

    /**
     * Synthetic owners of remote locks, unique within this JVM and never a thread id (those are
     * positive): a remote lock outlives the thread that took it, and two adapters in one JVM
     * (tests play two instances that way) must not re-enter each other's locks.
     */
    private static final AtomicLong OWNERS = new AtomicLong();
    /** This process among the service's instances, for {@link Hold#holder()}. */
    private static final String INSTANCE = java.util.UUID.randomUUID().toString();

    /** The lock shared with the other instances, as the queues use it. */
    interface RemoteLock {

        /**
         * Takes the lock of {@code couponId} for {@code owner}, waiting at most {@code waitNanos}.
         * Throws when it was not obtained (contention or failure); then nothing is held for
         * {@code owner}.
         */
        Grant acquire(String couponId, long owner, long waitNanos);

        /**
         * Releases {@code holds} re-entrant holds of {@code owner}. A lock that expired meanwhile or
         * a remote that fails is logged, not thrown: the lease frees the lock.
         */
        void release(String couponId, long owner, int holds);
    }

    /**
     * A remote lock obtained: the token to write with, how many re-entrant holds {@code owner}
     * now has on it, and when it was granted ({@link System#nanoTime()} scale of the clock).
     */
    record Grant(long token, int holds, long grantedAt) {
    }

    private final Stripe[] stripes;
    private final RemoteLock remote;
    private final int limit;
    private final long maxChainNanos;
    private final LongSupplier clock;

    /** Runs after a holder decided to keep its lock and before it unlocks the stripe; for tests. */
    volatile Runnable afterKeep = () -> { };

    /**
     * @param stripes     number of local queues (coupons share one by hash)
     * @param limit       consecutive local holds per remote acquisition; 1 releases after every hold
     * @param maxChainAge how long a chain may reuse one remote acquisition, counted from before it
     *                    was requested
     * @param clock       nanosecond clock ({@link System#nanoTime})
     */
    HandoverQueues(int stripes, RemoteLock remote, int limit, Duration maxChainAge, LongSupplier clock) {
        if (stripes < 1 || limit < 1) {
            throw new IllegalArgumentException("stripes and limit must be at least 1: " + stripes + ", " + limit);
        }
        this.stripes = new Stripe[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new Stripe();
        }
        this.remote = remote;
        this.limit = limit;
        this.maxChainNanos = maxChainAge.toNanos();
        this.clock = clock;
    }

    /**
     * Queues for the stripe of {@code couponId} until {@code deadline} (clock time), then holds
     * the coupon's remote lock: reused from the previous holder, or acquired with what is left of
     * the wait. The caller must {@link Hold#exit} the hold, on the same thread, in {@code finally}.
     *
     * @return the hold, or {@code null} if the stripe was not obtained before the deadline
     * @throws RuntimeException whatever {@link RemoteLock#acquire} threw; nothing is held then
     * @throws IllegalStateException when this thread already holds the same stripe (nested holds)
     */
    Hold enter(String couponId, long deadline) throws InterruptedException {
        Stripe stripe = stripes[Math.floorMod(couponId.hashCode(), stripes.length)];
        boolean locked = false;
        stripe.waiters.incrementAndGet();
        try {
            locked = stripe.queue.tryLock(Math.max(0, deadline - clock.getAsLong()), TimeUnit.NANOSECONDS);
        } finally {
            stripe.waiters.decrementAndGet();
            if (!locked) {
                // a holder may have kept the lock for this caller, who no longer comes
                sweep(stripe);
            }
        }
        if (!locked) {
            return null;
        }
        if (stripe.queue.getHoldCount() > 1) {
            // the stripe is re-entrant, the chain is not: a nested hold would reuse or release the
            // outer holder's remote lock
            stripe.queue.unlock();
            throw new IllegalStateException("coupon " + couponId
                    + ": nested coupon locks on one thread are not supported");
        }
        try {
            long now = clock.getAsLong();
            Chain kept = stripe.kept;
            if (kept != null) {
                if (kept.couponId.equals(couponId) && kept.holds < limit && now - kept.since < maxChainNanos) {
                    kept.holds++;
                    return new Hold(stripe, kept, true, now);
                }
                stripe.kept = null;
                release(kept, kept.couponId.equals(couponId) ? "chain at its bound" : "another coupon's turn");
            }
            long owner = OWNERS.decrementAndGet();
            long requested = clock.getAsLong();
            Grant grant = remote.acquire(couponId, owner, Math.max(0, deadline - requested));
            Chain chain = new Chain(couponId, owner, grant.token(), grant.holds(), requested);
            return new Hold(stripe, chain, false, grant.grantedAt());
        } catch (RuntimeException | Error e) {
            // nothing is kept on the stripe here: any chain was released before acquiring
            stripe.queue.unlock();
            throw e;
        }
    }

    /**
     * Releases a kept lock that nobody is queued for, if the stripe can be had without waiting;
     * again after its own unlock, since a waiter may have given up while this thread held the
     * stripe (that waiter's own sweep then failed to take it).
     */
    private void sweep(Stripe stripe) {
        while (stripe.kept != null && stripe.waiters.get() == 0 && stripe.queue.tryLock()) {
            try {
                Chain kept = stripe.kept;
                if (kept != null && stripe.waiters.get() == 0) {
                    stripe.kept = null;
                    release(kept, "its waiter gave up");
                }
            } finally {
                stripe.queue.unlock();
            }
        }
    }

    private void release(Chain chain, String why) {
        log.debug("Releasing the lock of coupon {} after {} local hold(s): {}", chain.couponId, chain.holds, why);
        try {
            remote.release(chain.couponId, chain.owner, chain.remoteHolds);
        } catch (RuntimeException e) {
            // the lease frees it; the chain is forgotten either way
            log.warn("Could not release the lock of coupon {}: {}", chain.couponId, e.toString());
        }
    }

    /** Callers queued on (or arriving at) the stripe of {@code couponId}; for tests. */
    int queued(String couponId) {
        return stripes[Math.floorMod(couponId.hashCode(), stripes.length)].waiters.get();
    }

    /**
     * Whether {@code thread} waits in the fair queue of the stripe of {@code couponId} (the next unlock
     * of the stripe hands it over in arrival order); for tests, to know a caller has queued.
     */
    boolean inQueue(String couponId, Thread thread) {
        return stripes[Math.floorMod(couponId.hashCode(), stripes.length)].queue.hasQueuedThread(thread);
    }

    /** Whether a lock is kept on the stripe of {@code couponId}; for tests. */
    boolean keeps(String couponId) {
        Chain kept = stripes[Math.floorMod(couponId.hashCode(), stripes.length)].kept;
        return kept != null && kept.couponId.equals(couponId);
    }

    /** The right to run one coupon's work: the stripe's local lock and the coupon's remote lock. */
    final class Hold {

        private final Stripe stripe;
        private final Chain chain;
        private final boolean reused;
        private final long heldSince;
        private boolean exited;

        private Hold(Stripe stripe, Chain chain, boolean reused, long heldSince) {
            this.stripe = stripe;
            this.chain = chain;
            this.reused = reused;
            this.heldSince = heldSince;
        }

        /** The fencing token to write with (the chain's: the same for every holder of one acquisition). */
        long token() {
            return chain.token;
        }

        /**
         * Which remote acquisition this hold belongs to, unique across instances: the fence accepts
         * a token equal to the stored one only from the acquisition that wrote it (its hand-over chain).
         */
        String holder() {
            return INSTANCE + ":" + chain.owner;
        }

        /** Whether the remote lock was handed over by the previous local holder (no remote round trip). */
        boolean reused() {
            return reused;
        }

        /** When this holder got the lock (clock time): granted remotely, or the stripe taken for a reuse. */
        long heldSince() {
            return heldSince;
        }

        /**
         * Keeps the remote lock for the next queued holder if {@code mayHandOver} and the chain's
         * bounds allow, otherwise releases it; then leaves the stripe.
         *
         * @param mayHandOver false when the work failed in a way that puts the lock in doubt (lost
         *                    to a newer holder, unknown store state): the lock is then released
         */
        void exit(boolean mayHandOver) {
            if (exited) {
                throw new IllegalStateException("hold of coupon " + chain.couponId + " exited twice");
            }
            exited = true;
            try {
                boolean keep = mayHandOver && chain.holds < limit
                        && clock.getAsLong() - chain.since < maxChainNanos && stripe.waiters.get() > 0;
                if (keep) {
                    stripe.kept = chain;
                    afterKeep.run();
                } else {
                    stripe.kept = null;
                    release(chain, !mayHandOver ? "the holder's work failed" : chain.holds >= limit
                            ? "hand-over limit " + limit + " reached" : "nobody queued or chain too old");
                }
            } finally {
                stripe.queue.unlock();
            }
            sweep(stripe);
        }
    }

    /** One remote acquisition, reused by consecutive local holders. */
    private static final class Chain {

        final String couponId;
        final long owner;
        final long token;
        final int remoteHolds;
        /** clock time before the remote lock was requested: the lease started after it */
        final long since;
        /** local holds so far, this one included */
        int holds = 1;

        Chain(String couponId, long owner, long token, int remoteHolds, long since) {
            this.couponId = couponId;
            this.owner = owner;
            this.token = token;
            this.remoteHolds = remoteHolds;
            this.since = since;
        }
    }

    private static final class Stripe {

        final ReentrantLock queue = new ReentrantLock(true);
        final AtomicInteger waiters = new AtomicInteger();
        volatile Chain kept;
    }
}
