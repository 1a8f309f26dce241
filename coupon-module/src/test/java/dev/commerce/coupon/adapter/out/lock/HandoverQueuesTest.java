package dev.commerce.coupon.adapter.out.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.testing.Await;
import dev.commerce.testing.Figures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The hand-over bookkeeping of {@link HandoverQueues} against a fake remote lock that refuses a
 * second owner: any lock kept too long (stranded) or taken twice shows up as a refused acquisition.
 */
class HandoverQueuesTest {

    private static final long WAIT = TimeUnit.SECONDS.toNanos(5);
    private static final Duration MAX_AGE = Duration.ofSeconds(1);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final FakeRemote remote = new FakeRemote();

    private HandoverQueues queues(int stripes, int limit) {
        return new HandoverQueues(stripes, remote, limit, MAX_AGE, clock::get);
    }

    @Test
    void a_lone_holder_takes_the_lock_remotely_and_releases_it() throws Exception {
        HandoverQueues queues = queues(16, 32);

        HandoverQueues.Hold hold = queues.enter("c", clock.get() + WAIT);
        assertThat(hold.reused()).isFalse();
        assertThat(remote.owner("c")).isNotNull();
        hold.exit(true);

        assertThat(remote.events).containsExactly("acquire c", "release c");
        assertThat(remote.owner("c")).isNull();
        assertThat(queues.keeps("c")).isFalse();
    }

    @Test
    void a_holder_queued_behind_takes_the_lock_over_with_its_token_and_releases_it_last() throws Exception {
        HandoverQueues queues = queues(16, 32);
        Caller a = new Caller(queues, "c", WAIT);
        HandoverQueues.Hold first = a.hold();
        Caller b = new Caller(queues, "c", WAIT);
        awaitQueued(queues, "c", b);

        a.leave(true);
        HandoverQueues.Hold second = b.hold();
        assertThat(second.reused()).isTrue();
        assertThat(second.token()).isEqualTo(first.token());
        assertThat(remote.events).containsExactly("acquire c");
        b.leave(true);

        assertThat(remote.events).containsExactly("acquire c", "release c");
        assertThat(remote.owner("c")).isNull();
    }

    @Test
    void the_chain_ends_at_the_hand_over_limit() throws Exception {
        HandoverQueues queues = queues(16, 2);
        Caller a = new Caller(queues, "c", WAIT);
        long firstToken = a.hold().token();
        Caller b = new Caller(queues, "c", WAIT);
        awaitQueued(queues, "c", b);
        a.leave(true);
        assertThat(b.hold().reused()).isTrue();
        Caller c = new Caller(queues, "c", WAIT);
        awaitQueued(queues, "c", c);

        b.leave(true); // second hold of the chain: limit reached, released although c waits
        HandoverQueues.Hold third = c.hold();
        assertThat(third.reused()).isFalse();
        assertThat(third.token()).isGreaterThan(firstToken);
        c.leave(true);

        assertThat(remote.events).containsExactly("acquire c", "release c", "acquire c", "release c");
    }

    @Test
    void a_limit_of_one_releases_after_every_hold() throws Exception {
        assertTheNextHolderAcquiresAnew(queues(16, 1), () -> { }, true);
    }

    @Test
    void a_chain_older_than_its_bound_is_released_by_its_holder() throws Exception {
        assertTheNextHolderAcquiresAnew(queues(16, 32), () -> clock.addAndGet(MAX_AGE.toNanos()), true);
    }

    @Test
    void a_kept_lock_that_aged_before_the_next_holder_came_is_released_and_taken_anew() throws Exception {
        HandoverQueues queues = queues(16, 32);
        // kept (young enough when the first holder decided), then aged before the next one came
        queues.afterKeep = () -> clock.addAndGet(MAX_AGE.toNanos());
        assertTheNextHolderAcquiresAnew(queues, () -> { }, true);
    }

    @Test
    void a_holder_whose_work_failed_releases_instead_of_handing_over() throws Exception {
        assertTheNextHolderAcquiresAnew(queues(16, 32), () -> { }, false);
    }

    /**
     * Holder a, with b queued behind it on coupon c; after {@code meanwhile}, a leaves (its work
     * succeeded or not): b must find no kept lock and take it in Redis anew.
     */
    private void assertTheNextHolderAcquiresAnew(HandoverQueues queues, Runnable meanwhile, boolean workSucceeded)
            throws Exception {
        Caller a = new Caller(queues, "c", WAIT);
        a.hold();
        Caller b = new Caller(queues, "c", WAIT);
        awaitQueued(queues, "c", b);
        meanwhile.run();

        a.leave(workSucceeded);
        assertThat(b.hold().reused()).isFalse();
        b.leave(true);

        assertThat(remote.events).containsExactly("acquire c", "release c", "acquire c", "release c");
    }

    @Test
    void a_holder_of_another_coupon_on_the_same_stripe_releases_the_kept_lock_first() throws Exception {
        HandoverQueues queues = queues(1, 32);
        Caller a = new Caller(queues, "x", WAIT);
        a.hold();
        Caller b = new Caller(queues, "y", WAIT);
        awaitQueued(queues, "y", b);

        a.leave(true); // kept for the queued caller, who wants another coupon
        assertThat(b.hold().reused()).isFalse();
        assertThat(remote.owner("x")).isNull();
        b.leave(true);

        assertThat(remote.events).containsExactly("acquire x", "release x", "acquire y", "release y");
    }

    @Test
    void a_waiter_giving_up_after_the_holder_kept_the_lock_for_it_leaves_nothing_kept() throws Exception {
        HandoverQueues queues = queues(16, 32);
        Caller a = new Caller(queues, "c", WAIT);
        a.hold();
        Caller b = new Caller(queues, "c", TimeUnit.SECONDS.toNanos(1));
        awaitQueued(queues, "c", b);
        // the worst moment: a decided to keep the lock for b, b times out before a leaves the stripe
        // (so b's own attempt to clean up finds the stripe taken)
        queues.afterKeep = () -> b.awaitDone();

        a.leave(true);

        assertThat(b.hold()).as("b timed out").isNull();
        assertThat(queues.keeps("c")).isFalse();
        assertThat(remote.owner("c")).as("the lock kept for b is released").isNull();
        assertThat(remote.events).containsExactly("acquire c", "release c");
    }

    @Test
    void a_waiter_giving_up_while_the_holder_works_leaves_the_release_to_the_holder() throws Exception {
        HandoverQueues queues = queues(16, 32);
        Caller a = new Caller(queues, "c", WAIT);
        a.hold();
        // b gives up at once: its tryLock fails while a holds the stripe; a then finds nobody
        // queued and releases, so nothing is ever kept without a caller
        Caller b = new Caller(queues, "c", 0);
        assertThat(b.hold()).isNull();
        a.leave(true);

        assertThat(queues.keeps("c")).isFalse();
        assertThat(remote.events).containsExactly("acquire c", "release c");
    }

    @Test
    void a_failed_release_drops_the_chain_and_the_next_holder_acquires_anew() throws Exception {
        HandoverQueues queues = queues(16, 32);
        HandoverQueues.Hold hold = queues.enter("c", clock.get() + WAIT);
        remote.failReleases = true;

        hold.exit(true); // logged, not thrown

        assertThat(queues.keeps("c")).isFalse();
        remote.failReleases = false;
        remote.expire("c"); // the lease frees it
        HandoverQueues.Hold next = queues.enter("c", clock.get() + WAIT);
        assertThat(next.reused()).isFalse();
        next.exit(true);
        assertThat(remote.owner("c")).isNull();
    }

    @Test
    void a_failed_acquisition_throws_and_leaves_the_stripe_free() throws Exception {
        HandoverQueues queues = queues(16, 32);
        remote.failAcquisitions = true;

        assertThatThrownBy(() -> queues.enter("c", clock.get() + WAIT)).isInstanceOf(IllegalStateException.class);

        remote.failAcquisitions = false;
        Caller other = new Caller(queues, "c", 0);
        assertThat(other.hold()).as("the stripe was left").isNotNull();
        other.leave(true);
        assertThat(remote.owner("c")).isNull();
    }

    @Test
    void a_nested_hold_on_the_same_stripe_is_refused_and_leaves_the_outer_hold_intact() throws Exception {
        HandoverQueues queues = queues(1, 32);
        HandoverQueues.Hold outer = queues.enter("x", clock.get() + WAIT);

        assertThatThrownBy(() -> queues.enter("y", clock.get() + WAIT)).isInstanceOf(IllegalStateException.class);

        assertThat(remote.owner("x")).isNotNull();
        outer.exit(true);
        assertThat(remote.events).containsExactly("acquire x", "release x");
        Caller other = new Caller(queues, "y", 0);
        assertThat(other.hold()).as("the stripe was left").isNotNull();
        other.leave(true);
    }

    @Test
    void a_hold_exits_once() throws Exception {
        HandoverQueues queues = queues(16, 32);
        HandoverQueues.Hold hold = queues.enter("c", clock.get() + WAIT);
        hold.exit(true);

        assertThatThrownBy(() -> hold.exit(true)).isInstanceOf(IllegalStateException.class);
    }

    /**
     * Many callers on few stripes and coupons, some giving up at once or after a moment, some
     * failing: one holder per coupon at a time, reused tokens only within a chain, and at the end
     * no remote lock held and none kept.
     */
    @Test
    void callers_racing_with_time_outs_never_share_a_coupon_nor_strand_a_lock() throws Exception {
        HandoverQueues queues = new HandoverQueues(3, remote, 4, Duration.ofMillis(5), System::nanoTime);
        List<String> coupons = List.of("a", "b", "c", "d", "e");
        Map<String, AtomicInteger> inside = new HashMap<>();
        coupons.forEach(coupon -> inside.put(coupon, new AtomicInteger()));
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger holds = new AtomicInteger();
        AtomicInteger reused = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 400 && failures.isEmpty(); i++) {
                    String coupon = coupons.get(random.nextInt(coupons.size()));
                    try {
                        HandoverQueues.Hold hold = queues.enter(coupon,
                                System.nanoTime() + random.nextLong(TimeUnit.MILLISECONDS.toNanos(1)));
                        if (hold == null) {
                            timedOut.incrementAndGet();
                            continue;
                        }
                        try {
                            if (inside.get(coupon).incrementAndGet() != 1) {
                                throw new AssertionError("two holders of coupon " + coupon);
                            }
                            holds.incrementAndGet();
                            if (hold.reused()) {
                                reused.incrementAndGet();
                            }
                            if (random.nextInt(4) == 0) {
                                // work inside the hold, of random length: what the test is about, not a wait for a state
                                Thread.sleep(0, random.nextInt(200_000));
                            }
                        } finally {
                            inside.get(coupon).decrementAndGet();
                            hold.exit(random.nextInt(10) != 0);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }

        String figures = Figures.report("HandoverQueuesTest",
                "holds %s, reused %s, timed out %s, remote acquisitions %s,"
                + " releases %s", holds, reused, timedOut, remote.acquisitions, remote.releases);
        assertThat(failures).as(figures).isEmpty();
        assertThat(threads).as(figures).noneMatch(Thread::isAlive);
        assertThat(remote.owners).as("remote locks still held; %s", figures).isEmpty();
        assertThat(remote.releases).as(figures).hasValue(remote.acquisitions.get());
        assertThat(holds.get()).as(figures).isEqualTo(remote.acquisitions.get() + reused.get());
        coupons.forEach(coupon -> assertThat(queues.keeps(coupon)).isFalse());
    }

    /**
     * Waits until {@code caller} waits in the fair queue of the stripe of {@code coupon} (then the
     * holder's unlock hands the stripe to it), and is the only caller there.
     */
    private static void awaitQueued(HandoverQueues queues, String coupon, Caller caller) {
        Await.until("the caller waits in the queue of the stripe of coupon " + coupon + ", alone",
                Duration.ofSeconds(10), () -> queues.inQueue(coupon, caller.thread) && queues.queued(coupon) == 1);
    }

    /** A caller on a thread of its own (a stripe is left by the thread that took it). */
    private final class Caller {

        private final CompletableFuture<HandoverQueues.Hold> entered = new CompletableFuture<>();
        private final CompletableFuture<Boolean> leave = new CompletableFuture<>();
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final Thread thread;

        Caller(HandoverQueues queues, String coupon, long waitNanos) {
            thread = Thread.ofPlatform().start(() -> {
                try {
                    HandoverQueues.Hold hold = queues.enter(coupon, clock.get() + waitNanos);
                    entered.complete(hold);
                    if (hold != null) {
                        hold.exit(leave.get(10, TimeUnit.SECONDS));
                    }
                    done.complete(null);
                } catch (Throwable e) {
                    entered.completeExceptionally(e);
                    done.completeExceptionally(e);
                }
            });
        }

        HandoverQueues.Hold hold() throws Exception {
            return entered.get(10, TimeUnit.SECONDS);
        }

        void leave(boolean mayHandOver) throws Exception {
            leave.complete(mayHandOver);
            done.get(10, TimeUnit.SECONDS);
        }

        void awaitDone() {
            try {
                done.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One remote lock per coupon and one owner at a time, like Redis; refuses instead of waiting. */
    private static final class FakeRemote implements HandoverQueues.RemoteLock {

        final Map<String, Long> owners = new ConcurrentHashMap<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicInteger acquisitions = new AtomicInteger();
        final AtomicInteger releases = new AtomicInteger();
        final AtomicLong tokens = new AtomicLong();
        volatile boolean failAcquisitions;
        volatile boolean failReleases;

        @Override
        public synchronized HandoverQueues.Grant acquire(String couponId, long owner, long waitNanos) {
            if (failAcquisitions) {
                throw new IllegalStateException("remote down");
            }
            Long current = owners.putIfAbsent(couponId, owner);
            if (current != null) {
                throw new AssertionError("the lock of " + couponId + " is still held by " + current);
            }
            acquisitions.incrementAndGet();
            events.add("acquire " + couponId);
            return new HandoverQueues.Grant(tokens.incrementAndGet(), 1, System.nanoTime());
        }

        @Override
        public synchronized void release(String couponId, long owner, int holds) {
            if (failReleases) {
                throw new IllegalStateException("remote down");
            }
            if (!owners.remove(couponId, owner)) {
                throw new AssertionError("released " + couponId + " by " + owner + " but owned by "
                        + owners.get(couponId));
            }
            releases.incrementAndGet();
            events.add("release " + couponId);
        }

        Long owner(String couponId) {
            return owners.get(couponId);
        }

        void expire(String couponId) {
            owners.remove(couponId);
        }
    }
}
