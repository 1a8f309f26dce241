package dev.commerce.inventory.application;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Combines concurrent requests that contend for the same thing (same key) into batches, each run
 * by one of their own threads while the others wait: flat combining with hand-off.
 *
 * <ul>
 *   <li>Requests of one key queue first come, first served. At most one batch per key runs at a
 *       time in this process; the thread that runs it is one of its members (the leader), and it
 *       takes up to {@code limit} requests from the head of the queue, its own included.</li>
 *   <li>When its batch is done, the leader completes every member and, if requests are still
 *       queued, appoints the oldest of them leader of the next batch, then returns its own result:
 *       no thread ever works for requests that arrived after its own was answered.</li>
 *   <li>With no batch running, a request leads its own batch at once: alone, it costs a lock and
 *       no wait, so combining only sets in when requests actually queue behind one another.</li>
 *   <li>A request still queued after {@code timeout} leaves the queue and gets {@code onTimeout}'s
 *       exception; once taken into a batch it waits for that batch's outcome.</li>
 *   <li>The batch work returns one outcome per member, in order; if it throws, every member of
 *       the batch gets that exception.</li>
 * </ul>
 *
 * <p>The coupon module's {@code ClaimWriter} combines too, but keeps its own mechanism because it
 * does another job: it group-commits claims Redis has already decided, many per INSERT over a fixed
 * number of lanes, and repairs a refused batch copy by copy, while this combiner is generic over the
 * work, runs whatever the caller decides per member (here each reservation against the stock the
 * ones before it left, under one lock of the batch's rows) and keeps one lane per key.
 *
 * @param <C> a request
 * @param <R> the result of one request
 */
public final class Combiner<C, R> {

    /** The outcome of one request of a batch: a result or a failure. */
    record Outcome<R>(R result, RuntimeException failure) {

        public static <R> Outcome<R> of(R result) {
            return new Outcome<>(result, null);
        }

        public static <R> Outcome<R> failed(RuntimeException failure) {
            return new Outcome<>(null, Objects.requireNonNull(failure, "failure"));
        }

        R get() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    private final int limit;
    private final Duration timeout;
    private final Supplier<? extends RuntimeException> onTimeout;
    private final IntConsumer batchSizes;
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

    /**
     * @param limit      most requests in one batch
     * @param timeout    longest wait in the queue before a request gives up
     * @param onTimeout  the exception a request that gave up gets
     * @param batchSizes told the size of every batch run (a metric)
     */
    public Combiner(int limit, Duration timeout, Supplier<? extends RuntimeException> onTimeout,
            IntConsumer batchSizes) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        this.limit = limit;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.onTimeout = Objects.requireNonNull(onTimeout, "onTimeout");
        this.batchSizes = Objects.requireNonNull(batchSizes, "batchSizes");
    }

    /**
     * Runs {@code request} in a batch with other requests of {@code key}, by {@code work}, which
     * gets the batch's requests in arrival order and returns one outcome for each.
     */
    R submit(String key, C request, Function<List<C>, List<Outcome<R>>> work) {
        Pending<C, R> mine = new Pending<>(request);
        Lane lane;
        boolean lead;
        while (true) {
            lane = lanes.computeIfAbsent(key, k -> new Lane());
            lane.lock.lock();
            try {
                if (lane.retired) {
                    continue; // emptied and dropped from the map meanwhile: take the new one
                }
                lane.queue.addLast(mine);
                lead = !lane.running;
                lane.running = true;
            } finally {
                lane.lock.unlock();
            }
            break;
        }
        if (lead || awaitTurnOrResult(lane, mine)) {
            runBatch(key, lane, work);
        }
        return mine.outcome().get();
    }

    /** Requests of {@code key} waiting in the queue, not yet taken into a batch (a seam for this package's tests). */
    int waiting(String key) {
        Lane lane = lanes.get(key);
        if (lane == null) {
            return 0;
        }
        lane.lock.lock();
        try {
            return lane.queue.size();
        } finally {
            lane.lock.unlock();
        }
    }

    /** True when appointed leader; false once the request's outcome is in. */
    private boolean awaitTurnOrResult(Lane lane, Pending<C, R> mine) {
        try {
            return mine.signal.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            leaveQueue(lane, mine);
            return join(mine);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            leaveQueue(lane, mine);
            return join(mine);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a combiner signal never fails", e);
        }
    }

    /**
     * Gives up waiting: leaves the queue with {@code onTimeout}'s exception, unless the request was
     * appointed leader (its signal completed, under the lane's lock) or taken into a batch; then
     * it stays, as leader or to wait for that batch, which ends within its own timeouts.
     */
    private void leaveQueue(Lane lane, Pending<C, R> mine) {
        lane.lock.lock();
        try {
            if (!mine.signal.isDone() && lane.queue.remove(mine)) {
                throw onTimeout.get();
            }
        } finally {
            lane.lock.unlock();
        }
    }

    private boolean join(Pending<C, R> mine) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return mine.signal.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a combiner signal never fails", e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called by the leader: runs one batch from the head of the queue (its own request among them). */
    private void runBatch(String key, Lane lane, Function<List<C>, List<Outcome<R>>> work) {
        List<Pending<C, R>> batch = new ArrayList<>(limit);
        lane.lock.lock();
        try {
            while (batch.size() < limit && !lane.queue.isEmpty()) {
                batch.add(lane.queue.pollFirst());
            }
        } finally {
            lane.lock.unlock();
        }
        List<C> requests = batch.stream().map(Pending::request).toList();
        List<Outcome<R>> outcomes = null;
        try {
            outcomes = work.apply(requests);
            if (outcomes.size() != batch.size()) {
                throw new IllegalStateException("batch work returned " + outcomes.size() + " outcomes for "
                        + batch.size() + " requests");
            }
        } catch (RuntimeException failure) {
            outcomes = failedAll(batch, failure);
        } finally {
            if (outcomes == null) { // an Error: answer the members, hand on, then let it propagate
                outcomes = failedAll(batch, new IllegalStateException("the batch failed with an error"));
            }
            batchSizes.accept(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(outcomes.get(i));
            }
            handOn(key, lane);
        }
    }

    private List<Outcome<R>> failedAll(List<Pending<C, R>> batch, RuntimeException failure) {
        return batch.stream().<Outcome<R>>map(pending -> Outcome.failed(failure)).toList();
    }

    /** After a batch: appoints the oldest waiter leader of the next one, or retires the idle lane. */
    private void handOn(String key, Lane lane) {
        lane.lock.lock();
        try {
            Pending<C, R> next = lane.queue.peekFirst();
            if (next == null) {
                lane.running = false;
                lane.retired = true;
                lanes.remove(key, lane);
            } else {
                next.signal.complete(true);
            }
        } finally {
            lane.lock.unlock();
        }
    }

    /** The requests of one key. */
    private final class Lane {

        final ReentrantLock lock = new ReentrantLock();
        final ArrayDeque<Pending<C, R>> queue = new ArrayDeque<>();
        /** A batch is running or a leader has been appointed. */
        boolean running;
        /** Removed from the map; new requests take a new lane. */
        boolean retired;
    }

    /** One waiting request: {@code signal} completes true when it is to lead, false when it is answered. */
    private static final class Pending<C, R> {

        final C request;
        final CompletableFuture<Boolean> signal = new CompletableFuture<>();
        volatile Outcome<R> outcome;

        Pending(C request) {
            this.request = request;
        }

        C request() {
            return request;
        }

        void complete(Outcome<R> result) {
            this.outcome = result;
            signal.complete(false);
        }

        Outcome<R> outcome() {
            return outcome;
        }
    }
}
