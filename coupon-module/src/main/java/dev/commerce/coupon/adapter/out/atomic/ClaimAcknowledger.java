package dev.commerce.coupon.adapter.out.atomic;

import dev.commerce.coupon.adapter.out.atomic.JdbcClaimStore.Persisted;
import dev.commerce.coupon.domain.IssuedCoupon;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes in Redis, off the requests' path, the claims the {@link ClaimWriter} wrote: one thread
 * takes whatever batches are queued, reports the claims PostgreSQL refused (coupon marked sold out,
 * or its state dropped to be reloaded, as {@link #acknowledge} does for one claim does) and then
 * acknowledges all their stream entries in one round trip (XACK + XDEL). Nothing here decides an
 * answer: the requests were answered after the commit. A Redis failure, a full queue, or a process
 * that stops first only leaves entries pending; the recovery job writes them again, which changes
 * nothing (same copy id), and acknowledges them.
 */
final class ClaimAcknowledger implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClaimAcknowledger.class);
    /** Batches of written claims waiting to be acknowledged; beyond it they are left to the recovery job. */
    static final int CAPACITY = 4096;
    /** Batches acknowledged in one round at most. */
    private static final int MAX_PER_ROUND = 64;

    private final ClaimAcknowledgements redis;
    private final AtomicIssueMetrics metrics;
    private final BlockingQueue<List<ClaimWriter.Written>> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    ClaimAcknowledger(ClaimAcknowledgements redis, AtomicIssueMetrics metrics, String name) {
        this.redis = redis;
        this.metrics = metrics;
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    /** Queues a batch of written claims to acknowledge; never blocks. */
    void acknowledge(List<ClaimWriter.Written> written) {
        if (closed || !queue.offer(written)) {
            if (dropped.getAndIncrement() % 1_000 == 0) {
                log.warn("Claim acknowledger {}: {} stream entries not acknowledged here; the recovery job will",
                        closed ? "stopped" : "queue full", written.size());
            }
        }
    }

    private void run() {
        List<List<ClaimWriter.Written>> batches = new ArrayList<>();
        while (!closed) {
            try {
                List<ClaimWriter.Written> first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batches.add(first);
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batches, MAX_PER_ROUND - 1);
            acknowledgeNow(flatten(batches));
            batches.clear();
        }
        // stopping: a last round for what is queued, best effort
        queue.drainTo(batches);
        if (!batches.isEmpty()) {
            acknowledgeNow(flatten(batches));
        }
    }

    private static List<ClaimWriter.Written> flatten(List<List<ClaimWriter.Written>> batches) {
        if (batches.size() == 1) {
            return batches.getFirst();
        }
        List<ClaimWriter.Written> round = new ArrayList<>();
        batches.forEach(round::addAll);
        return round;
    }

    /** Refusals first, then one acknowledgement for all; failures are only logged. */
    void acknowledgeNow(List<ClaimWriter.Written> round) {
        Set<String> soldOut = new LinkedHashSet<>();
        Set<String> forget = new LinkedHashSet<>();
        List<String> entries = new ArrayList<>(round.size());
        for (ClaimWriter.Written claim : round) {
            entries.add(claim.entryId());
            switch (refusal(claim.copy(), claim.persisted(), metrics)) {
                case SOLD_OUT -> soldOut.add(claim.copy().couponId());
                case FORGET -> forget.add(claim.copy().couponId());
                case NONE -> { }
            }
        }
        try {
            soldOut.forEach(redis::soldOut);
            forget.forEach(redis::forget);
            redis.done(entries);
        } catch (RuntimeException e) {
            log.warn("Could not acknowledge {} written claims in Redis ({}); the recovery job will acknowledge them",
                    entries.size(), e.toString());
        }
    }

    /** Stops the thread after a last round for what is queued (at most about two seconds). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * After PostgreSQL decided a claim: if PostgreSQL refused it (Redis was behind), mark the coupon
     * sold out in Redis (refused as sold out) or drop its Redis state to be reloaded (refused for
     * another reason); then acknowledge the entry. Redis failures here are only logged: the
     * answer is already decided, and a still-pending entry is written again, idempotently, by the recovery.
     */
    static void acknowledge(IssuedCoupon copy, String entryId, Persisted persisted,
            ClaimAcknowledgements redis, AtomicIssueMetrics metrics) {
        try {
            switch (refusal(copy, persisted, metrics)) {
                case SOLD_OUT -> redis.soldOut(copy.couponId());
                case FORGET -> redis.forget(copy.couponId());
                case NONE -> { }
            }
            redis.done(List.of(entryId));
        } catch (RedisException e) {
            log.warn("Coupon {}: could not acknowledge stream entry {} ({}); the recovery job will", copy.couponId(),
                    entryId, e.toString());
        }
    }

    /** What Redis learns of a claim PostgreSQL decided. */
    private enum Refusal { NONE, SOLD_OUT, FORGET }

    /**
     * A claim PostgreSQL refused (Redis was behind it) is counted in {@code coupon.atomic.refused} and
     * logged: refused as sold out, which is final in PostgreSQL, Redis is told so rather than reloaded
     * while claims are in flight; refused for another reason, its state is dropped to be reloaded.
     */
    private static Refusal refusal(IssuedCoupon copy, Persisted persisted, AtomicIssueMetrics metrics) {
        switch (persisted) {
            case SOLD_OUT -> {
                metrics.refused();
                log.info("Coupon {}: Redis admitted user {} but PostgreSQL is sold out; Redis marked sold out",
                        copy.couponId(), copy.userId());
                return Refusal.SOLD_OUT;
            }
            case USER_HOLDS_ANOTHER, NO_COUPON -> {
                metrics.refused();
                log.warn("Coupon {}: Redis admitted user {} but PostgreSQL refused ({}); reloading its Redis state",
                        copy.couponId(), copy.userId(), persisted);
                return Refusal.FORGET;
            }
            default -> {
                return Refusal.NONE;
            }
        }
    }
}
