package dev.commerce.coupon.adapter.out.atomic;

import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.adapter.out.atomic.JdbcClaimStore.BatchRefusedException;
import dev.commerce.coupon.adapter.out.atomic.JdbcClaimStore.Persisted;
import dev.commerce.coupon.domain.IssuedCoupon;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of the {@code atomic} strategy: the claims Redis admitted are written to PostgreSQL
 * many per statement, and each request is answered only after the statement that holds its copy
 * committed.
 *
 * <p>Flat combining, no writer thread: a request queues its claim; the request at the head of the
 * queue is the leader and writes, in ONE statement ({@link Store#persistAll}), its own claim and
 * every claim queued behind it (at most {@code batchSize}), while the others wait. Then it completes
 * each of them, wakes the new head (the first claim queued while it wrote), which leads the next
 * batch, and hands the batch on to be acknowledged in Redis ({@code acknowledge}). Alone, a request
 * writes its own claim on its own thread, at once; under load, a batch is whatever queued while the
 * previous statement ran, with no waiting window.
 *
 * <p>Coupons are spread over {@code lanes} such queues by their id: claims of one coupon are written
 * one batch at a time (its row is the bound: concurrent batches would only queue on its lock inside
 * PostgreSQL), claims of coupons in different lanes in parallel; one batch may hold several coupons.
 *
 * <p>A batch the CHECK or the foreign key refused (Redis was behind PostgreSQL) is written again copy
 * by copy, so that each gets its exact outcome. Any other failure fails every request of the batch;
 * their stream entries stay pending for the recovery job. A request waits at most {@code maxWait}
 * (answered {@code LOCK_UNAVAILABLE}): if its claim was already taken into a batch, that batch may
 * still write it, else the recovery job will.
 *
 * <p>Why one class of about 320 lines: a lane's queue, its leader and its waiters' hand-off are one
 * flat-combining protocol over state guarded by the lane's lock; the acknowledgement in Redis is already split off
 * ({@link ClaimAcknowledger}), and {@code ClaimWriterTest} proves the protocol as a whole.
 *
 * <p>Why not the inventory module's {@code Combiner}: that one is generic over the work and runs
 * each member's own decision under one lock of the batch's rows, one lane per key; this one
 * group-commits decisions Redis already took, many copies per INSERT over a fixed number of lanes,
 * and repairs a refused batch copy by copy.
 */
final class ClaimWriter {

    private static final Logger log = LoggerFactory.getLogger(ClaimWriter.class);

    /** The PostgreSQL side: {@link JdbcClaimStore}, or a fake in tests. */
    public interface Store {

        /**
         * Writes the copies in one statement; the outcome of each, in order.
         *
         * @throws BatchRefusedException the CHECK or the foreign key refused the batch; nothing written
         */
        List<Persisted> persistAll(List<IssuedCoupon> copies);

        /** Writes one copy; its exact outcome, refusals included. */
        Persisted persist(IssuedCoupon copy);

        static Store of(JdbcClaimStore store) {
            return new Store() {
                @Override
                public List<Persisted> persistAll(List<IssuedCoupon> copies) {
                    return store.persistAll(copies);
                }

                @Override
                public Persisted persist(IssuedCoupon copy) {
                    return store.persist(copy);
                }
            };
        }
    }

    /** A claim whose copy PostgreSQL decided: what to acknowledge (and report) in Redis. */
    public record Written(IssuedCoupon copy, String entryId, Persisted persisted) {
    }

    private final Store store;
    private final int batchSize;
    private final Duration maxWait;
    private final Duration retryAfter;
    private final Consumer<List<Written>> acknowledge;
    private final AtomicIssueMetrics metrics;
    private final Lane[] lanes;

    /**
     * @param batchSize  claims written per statement at most
     * @param lanes      independent queues; a coupon always uses the same one
     * @param maxWait    how long a request waits for the batch holding its claim
     * @param retryAfter the Retry-After of the {@code LOCK_UNAVAILABLE} after {@code maxWait}
     * @param acknowledge receives each batch's decided claims after the requests are answered; must not block
     */
    public ClaimWriter(Store store, int batchSize, int lanes, Duration maxWait, Duration retryAfter,
            Consumer<List<Written>> acknowledge, AtomicIssueMetrics metrics) {
        if (batchSize < 1 || lanes < 1) {
            throw new IllegalArgumentException("batch size and lanes must be positive");
        }
        this.store = store;
        this.batchSize = batchSize;
        this.maxWait = maxWait;
        this.retryAfter = retryAfter;
        this.acknowledge = acknowledge;
        this.metrics = metrics;
        this.lanes = new Lane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new Lane();
        }
    }

    /**
     * Writes the copy of an admitted claim (idempotently) with whatever else is queued.
     *
     * @return what became of the copy in PostgreSQL
     * @throws CouponException   {@code LOCK_UNAVAILABLE} after {@code maxWait} or when interrupted; the copy
     *                           may still be written, by its batch or the recovery job
     * @throws RuntimeException the failure of the statement (PostgreSQL), for every request of the batch
     */
    public Persisted write(IssuedCoupon copy, String entryId) {
        return lanes[Math.floorMod(copy.couponId().hashCode(), lanes.length)].write(new Waiter(copy, entryId));
    }

    /** Claims queued or being written (for tests). */
    int queued() {
        int queued = 0;
        for (Lane lane : lanes) {
            queued += lane.queued();
        }
        return queued;
    }

    private enum State { QUEUED, TAKEN, DONE }

    /** One request's claim; its fields are guarded by its lane's lock, or written by the leader before DONE. */
    private static final class Waiter {

        final IssuedCoupon copy;
        final String entryId;
        Condition wakeUp;
        State state = State.QUEUED;
        Persisted persisted;
        RuntimeException failure;

        Waiter(IssuedCoupon copy, String entryId) {
            this.copy = copy;
            this.entryId = entryId;
        }

        Persisted outcome() {
            if (failure != null) {
                throw failure;
            }
            return persisted;
        }
    }

    private final class Lane {

        private final ReentrantLock lock = new ReentrantLock();
        /** Claims not yet answered, oldest first; the batch being written, if any, at the head. */
        private final ArrayDeque<Waiter> queue = new ArrayDeque<>();

        Persisted write(Waiter me) {
            List<Waiter> batch;
            lock.lock();
            try {
                me.wakeUp = lock.newCondition();
                queue.addLast(me);
                awaitTurn(me);
                if (me.state == State.DONE) {
                    return me.outcome();
                }
                batch = take();
            } finally {
                lock.unlock();
            }
            lead(batch);
            return me.outcome();
        }

        /** Returns once the claim is written by another leader, or is at the head of the queue: then it leads. */
        private void awaitTurn(Waiter me) {
            long nanos = maxWait.toNanos();
            while (me.state != State.DONE && !(me.state == State.QUEUED && queue.peekFirst() == me)) {
                if (nanos <= 0) {
                    throw giveUp(me, "no answer from PostgreSQL within " + maxWait.toMillis() + " ms", null);
                }
                try {
                    nanos = me.wakeUp.awaitNanos(nanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw giveUp(me, "interrupted while waiting for PostgreSQL", e);
                }
            }
        }

        /** Leaves the queue unless its claim is being written (then the leader removes it, and may write it). */
        private CouponException giveUp(Waiter me, String why, Throwable cause) {
            if (me.state == State.QUEUED) {
                queue.remove(me);
            }
            return CouponException.lockUnavailable("coupon " + me.copy.couponId() + ": the claim of user "
                    + me.copy.userId() + " is recorded, its copy not yet written: " + why + ". Retry later.",
                    retryAfter, cause);
        }

        /** The head of the queue and the claims behind it, at most {@code batchSize}; called by the head. */
        private List<Waiter> take() {
            List<Waiter> batch = new ArrayList<>(Math.min(batchSize, queue.size()));
            for (Waiter waiter : queue) {
                if (batch.size() == batchSize) {
                    break;
                }
                waiter.state = State.TAKEN;
                batch.add(waiter);
            }
            return batch;
        }

        private void lead(List<Waiter> batch) {
            try {
                persist(batch);
            } catch (RuntimeException e) {
                for (Waiter waiter : batch) {
                    if (waiter.persisted == null) {
                        waiter.failure = e;
                    }
                }
            } catch (Error e) {
                for (Waiter waiter : batch) {
                    if (waiter.persisted == null) {
                        waiter.failure = new IllegalStateException("writing the batch failed: " + e, e);
                    }
                }
                throw e;
            } finally {
                complete(batch);
            }
            List<Written> written = new ArrayList<>(batch.size());
            for (Waiter waiter : batch) {
                if (waiter.persisted != null) {
                    written.add(new Written(waiter.copy, waiter.entryId, waiter.persisted));
                }
            }
            if (!written.isEmpty()) {
                try {
                    acknowledge.accept(written);
                } catch (RuntimeException e) {
                    log.warn("Could not hand {} written claims on to be acknowledged ({}); the recovery job will",
                            written.size(), e.toString());
                }
            }
        }

        /**
         * Answers every claim of the batch (they are the head of the queue) and wakes the next leader,
         * first, so that the next statement starts while the answered requests return.
         */
        private void complete(List<Waiter> batch) {
            lock.lock();
            try {
                for (Waiter waiter : batch) {
                    Waiter head = queue.pollFirst();
                    if (head != waiter) {
                        throw new IllegalStateException("claim writer queue out of order");
                    }
                    waiter.state = State.DONE;
                }
                Waiter next = queue.peekFirst();
                if (next != null) {
                    next.wakeUp.signal();
                }
                for (Waiter waiter : batch) {
                    waiter.wakeUp.signal();
                }
            } finally {
                lock.unlock();
            }
        }

        private int queued() {
            lock.lock();
            try {
                return queue.size();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Sets each claim's outcome; throws (leaving outcomes unset) if the batch failed as a whole. */
    private void persist(List<Waiter> batch) {
        metrics.batchWritten(batch.size());
        List<IssuedCoupon> copies = new ArrayList<>(batch.size());
        for (Waiter waiter : batch) {
            copies.add(waiter.copy);
        }
        List<Persisted> outcomes;
        try {
            outcomes = store.persistAll(copies);
        } catch (BatchRefusedException e) {
            log.info("PostgreSQL refused a batch of {} claims (SQLSTATE {}): Redis was behind it; writing them one by one",
                    batch.size(), e.sqlState());
            persistOneByOne(batch);
            return;
        }
        if (outcomes.size() != batch.size()) {
            throw new IllegalStateException(outcomes.size() + " outcomes for " + batch.size() + " claims");
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).persisted = outcomes.get(i);
        }
    }

    /** After a refused batch: each copy with the single statement; a failure fails it and the rest. */
    private void persistOneByOne(List<Waiter> batch) {
        for (Waiter waiter : batch) {
            waiter.persisted = store.persist(waiter.copy);
        }
    }
}
