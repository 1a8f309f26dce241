package dev.commerce.coupon.adapter.out.atomic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.adapter.out.atomic.JdbcClaimStore.BatchRefusedException;
import dev.commerce.coupon.adapter.out.atomic.JdbcClaimStore.Persisted;
import dev.commerce.coupon.domain.IssuedCoupon;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit of the atomic strategy on a fake store: who writes, what goes into one statement,
 * and which answer reaches which request.
 */
class ClaimWriterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicIssueMetrics metrics = new AtomicIssueMetrics(meters);
    private final FakeStore store = new FakeStore();
    private final List<ClaimWriter.Written> acknowledged = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger ids = new AtomicInteger();

    @AfterEach
    void stopThreads() {
        store.openAll();
        threads.shutdownNow();
    }

    /** WRITTEN, ALREADY_WRITTEN or USER_HOLDS_ANOTHER by the user id: each request must get its own. */
    private static Persisted outcomeOf(IssuedCoupon copy) {
        return switch ((int) (copy.userId() % 3)) {
            case 0 -> Persisted.WRITTEN;
            case 1 -> Persisted.ALREADY_WRITTEN;
            default -> Persisted.USER_HOLDS_ANOTHER;
        };
    }

    private ClaimWriter writer(int batchSize, int lanes, Duration maxWait) {
        return new ClaimWriter(store, batchSize, lanes, maxWait, Duration.ofSeconds(1), acknowledged::addAll, metrics);
    }

    private IssuedCoupon copy(String coupon, long user) {
        return new IssuedCoupon("copy-" + ids.incrementAndGet(), coupon, user, Instant.parse("2026-11-24T10:00:00Z"));
    }

    private static String entryOf(IssuedCoupon copy) {
        return "entry-" + copy.id();
    }

    private Future<Persisted> writeAsync(ClaimWriter writer, IssuedCoupon copy) {
        return threads.submit(() -> writer.write(copy, entryOf(copy)));
    }

    @Test
    void a_request_alone_writes_its_own_copy_on_its_own_thread_at_once() {
        ClaimWriter writer = writer(64, 1, WAIT);
        IssuedCoupon copy = copy("c", 3);

        assertThat(writer.write(copy, "entry-1")).isEqualTo(Persisted.WRITTEN);

        assertThat(store.batches).containsExactly(List.of(copy));
        assertThat(store.threads).containsExactly(Thread.currentThread().getName());
        assertThat(acknowledged).containsExactly(new ClaimWriter.Written(copy, "entry-1", Persisted.WRITTEN));
        assertThat(batchSizes().count()).isEqualTo(1);
        assertThat(writer.queued()).isZero();
    }

    @Test
    void claims_queued_while_a_statement_runs_are_written_together_and_each_request_gets_its_own_outcome()
            throws Exception {
        ClaimWriter writer = writer(64, 1, WAIT);
        CountDownLatch gate = store.holdNextBatch();
        IssuedCoupon first = copy("c", 3);
        Future<Persisted> leader = writeAsync(writer, first);
        awaitUntil(() -> store.entered.get() == 1);
        Map<IssuedCoupon, Future<Persisted>> followers = new ConcurrentHashMap<>();
        for (int user = 1; user <= 30; user++) {
            IssuedCoupon copy = copy(user % 2 == 0 ? "c" : "d", user);
            followers.put(copy, writeAsync(writer, copy));
        }
        awaitUntil(() -> writer.queued() == 31);

        gate.countDown();

        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo(Persisted.WRITTEN);
        for (Map.Entry<IssuedCoupon, Future<Persisted>> follower : followers.entrySet()) {
            assertThat(follower.getValue().get(10, TimeUnit.SECONDS)).as("outcome of user %d", follower.getKey().userId())
                    .isEqualTo(outcomeOf(follower.getKey()));
        }
        assertThat(store.batches).hasSize(2);
        assertThat(store.batches.get(0)).containsExactly(first);
        assertThat(store.batches.get(1)).as("one statement for all queued, coupons mixed")
                .containsExactlyInAnyOrderElementsOf(followers.keySet());
        assertThat(batchSizes().max()).isEqualTo(30);
        awaitUntil(() -> acknowledged.size() == 31);
        assertThat(acknowledged).allSatisfy(written -> {
            assertThat(written.entryId()).isEqualTo(entryOf(written.copy()));
            assertThat(written.persisted()).isEqualTo(outcomeOf(written.copy()));
        });
        assertThat(writer.queued()).isZero();
    }

    @Test
    void no_statement_holds_more_than_the_batch_size() throws Exception {
        ClaimWriter writer = writer(4, 1, WAIT);
        CountDownLatch gate = store.holdNextBatch();
        List<Future<Persisted>> all = new ArrayList<>();
        all.add(writeAsync(writer, copy("c", 3)));
        awaitUntil(() -> store.entered.get() == 1);
        for (int user = 1; user <= 18; user++) {
            all.add(writeAsync(writer, copy("c", user * 3L)));
        }
        awaitUntil(() -> writer.queued() == 19);

        gate.countDown();

        for (Future<Persisted> result : all) {
            assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(Persisted.WRITTEN);
        }
        assertThat(store.batches).extracting(List::size).containsExactly(1, 4, 4, 4, 4, 2);
        assertThat(batchSizes().max()).isEqualTo(4);
        assertThat(batchSizes().totalAmount()).isEqualTo(19);
    }

    @Test
    void a_failing_statement_fails_every_request_of_its_batch_leaves_them_unacknowledged_and_the_next_batch_writes()
            throws Exception {
        ClaimWriter writer = writer(64, 1, WAIT);
        CountDownLatch gate = store.holdNextBatch();
        Future<Persisted> leader = writeAsync(writer, copy("c", 3));
        awaitUntil(() -> store.entered.get() == 1);
        RuntimeException down = new IllegalStateException("PostgreSQL down");
        store.failBatchesWith(copies -> copies.size() > 1 ? down : null);
        List<Future<Persisted>> failing = new ArrayList<>();
        for (int user = 1; user <= 10; user++) {
            failing.add(writeAsync(writer, copy("c", user * 3L)));
        }
        awaitUntil(() -> writer.queued() == 11);

        gate.countDown();

        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo(Persisted.WRITTEN);
        for (Future<Persisted> result : failing) {
            assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).hasCause(down);
        }
        assertThat(acknowledged).hasSize(1).allSatisfy(written -> assertThat(written.copy().userId()).isEqualTo(3));
        store.failBatchesWith(copies -> null);
        assertThat(writer.write(copy("c", 99), "entry-x")).isEqualTo(Persisted.WRITTEN);
        assertThat(writer.queued()).isZero();
    }

    @Test
    void a_batch_refused_by_the_check_is_written_again_copy_by_copy_and_each_request_gets_its_exact_outcome()
            throws Exception {
        ClaimWriter writer = writer(64, 1, WAIT);
        CountDownLatch gate = store.holdNextBatch();
        Future<Persisted> leader = writeAsync(writer, copy("c", 3));
        awaitUntil(() -> store.entered.get() == 1);
        store.failBatchesWith(copies -> copies.size() > 1 ? new BatchRefusedException("23514", null) : null);
        // two copies left in PostgreSQL: the first two written one by one get them
        AtomicInteger left = new AtomicInteger(2);
        store.single = copy -> left.getAndDecrement() > 0 ? Persisted.WRITTEN : Persisted.SOLD_OUT;
        Map<IssuedCoupon, Future<Persisted>> followers = new ConcurrentHashMap<>();
        for (int user = 1; user <= 5; user++) {
            IssuedCoupon copy = copy("c", user * 3L);
            followers.put(copy, writeAsync(writer, copy));
        }
        awaitUntil(() -> writer.queued() == 6);

        gate.countDown();

        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo(Persisted.WRITTEN);
        Map<IssuedCoupon, Persisted> outcomes = new ConcurrentHashMap<>();
        for (Map.Entry<IssuedCoupon, Future<Persisted>> follower : followers.entrySet()) {
            outcomes.put(follower.getKey(), follower.getValue().get(10, TimeUnit.SECONDS));
        }
        assertThat(store.singles).containsExactlyInAnyOrderElementsOf(followers.keySet());
        for (int i = 0; i < store.singles.size(); i++) {
            assertThat(outcomes.get(store.singles.get(i))).as("copy written %d-th", i + 1)
                    .isEqualTo(i < 2 ? Persisted.WRITTEN : Persisted.SOLD_OUT);
        }
        awaitUntil(() -> acknowledged.size() == 6);
        assertThat(acknowledged).filteredOn(written -> written.persisted() == Persisted.SOLD_OUT).hasSize(3);
    }

    @Test
    void a_request_waits_at_most_the_wait_time_and_a_claim_not_yet_taken_is_left_to_the_recovery_job()
            throws Exception {
        ClaimWriter writer = writer(64, 1, Duration.ofMillis(200));
        CountDownLatch gate = store.holdNextBatch();
        IssuedCoupon first = copy("c", 3);
        Future<Persisted> leader = writeAsync(writer, first);
        awaitUntil(() -> store.entered.get() == 1);

        assertThatThrownBy(() -> writer.write(copy("c", 6), "entry-late"))
                .isInstanceOfSatisfying(CouponException.class,
                        e -> assertThat(e.code()).isEqualTo(CouponErrorCode.LOCK_UNAVAILABLE));
        assertThat(writer.queued()).as("only the leader's claim").isEqualTo(1);

        gate.countDown();
        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo(Persisted.WRITTEN);
        assertThat(store.batches).containsExactly(List.of(first));
        assertThat(writer.queued()).isZero();
    }

    @Test
    void a_request_that_gives_up_while_its_batch_is_written_is_answered_503_and_its_copy_still_written()
            throws Exception {
        ClaimWriter writer = writer(64, 1, Duration.ofSeconds(1));
        CountDownLatch first = store.holdNextBatch();
        Future<Persisted> leader = writeAsync(writer, copy("c", 3));
        awaitUntil(() -> store.entered.get() == 1);
        IssuedCoupon second = copy("c", 6);
        IssuedCoupon third = copy("c", 9);
        Future<Persisted> nextLeader = writeAsync(writer, second);
        awaitUntil(() -> writer.queued() == 2);
        Future<Persisted> follower = writeAsync(writer, third);
        awaitUntil(() -> writer.queued() == 3);
        CountDownLatch secondBatch = store.holdNextBatch();

        first.countDown();
        awaitUntil(() -> store.entered.get() == 2); // [second, third] is being written, and held

        assertThatThrownBy(() -> follower.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(CouponException.class,
                        e -> assertThat(e.code()).isEqualTo(CouponErrorCode.LOCK_UNAVAILABLE));
        secondBatch.countDown();
        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo(Persisted.WRITTEN);
        assertThat(nextLeader.get(10, TimeUnit.SECONDS)).isEqualTo(Persisted.WRITTEN);
        assertThat(store.batches.get(1)).containsExactly(second, third);
        awaitUntil(() -> acknowledged.size() == 3);
        assertThat(acknowledged).extracting(ClaimWriter.Written::copy).contains(third);
        assertThat(writer.queued()).isZero();
    }

    @Test
    void an_interrupted_request_gives_up_at_once_and_keeps_its_interrupt() throws Exception {
        ClaimWriter writer = writer(64, 1, WAIT);
        CountDownLatch gate = store.holdNextBatch();
        Future<Persisted> leader = writeAsync(writer, copy("c", 3));
        awaitUntil(() -> store.entered.get() == 1);
        AtomicInteger interrupted = new AtomicInteger(-1);
        Future<Persisted> waiting = threads.submit(() -> {
            try {
                return writer.write(copy("c", 6), "entry-i");
            } finally {
                interrupted.set(Thread.currentThread().isInterrupted() ? 1 : 0);
            }
        });
        awaitUntil(() -> writer.queued() == 2);

        waiting.cancel(true);
        awaitUntil(() -> interrupted.get() >= 0);

        assertThat(interrupted.get()).as("interrupt kept").isEqualTo(1);
        assertThat(writer.queued()).as("left the queue").isEqualTo(1);
        gate.countDown();
        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo(Persisted.WRITTEN);
        assertThat(store.batches).hasSize(1);
    }

    @Test
    void coupons_in_different_lanes_are_written_in_parallel() throws Exception {
        ClaimWriter writer = writer(64, 2, WAIT);
        String a = "coupon-a";
        String b = couponInOtherLane(a, 2);
        CountDownLatch gate = store.holdNextBatch();
        Future<Persisted> held = writeAsync(writer, copy(a, 3));
        awaitUntil(() -> store.entered.get() == 1);

        assertThat(writer.write(copy(b, 3), "entry-b")).as("not behind coupon a's statement").isEqualTo(Persisted.WRITTEN);

        gate.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo(Persisted.WRITTEN);
    }

    @Test
    void under_concurrency_batches_form_and_every_claim_is_written_once_and_answered_once() throws Exception {
        ClaimWriter writer = writer(64, 2, WAIT);
        store.statementTime = Duration.ofMillis(2);
        int workers = 16;
        int perWorker = 100;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            results.add(threads.submit(() -> {
                go.await();
                List<String> wrong = new ArrayList<>();
                for (int i = 0; i < perWorker; i++) {
                    IssuedCoupon copy = copy("coupon-" + (i % 3), worker * 1000L + i + 1);
                    Persisted persisted = writer.write(copy, entryOf(copy));
                    if (persisted != outcomeOf(copy)) {
                        wrong.add(copy + " -> " + persisted);
                    }
                }
                return wrong;
            }));
        }
        go.countDown();
        for (Future<List<String>> result : results) {
            assertThat(result.get(60, TimeUnit.SECONDS)).isEmpty();
        }

        List<IssuedCoupon> written = store.batches.stream().flatMap(List::stream).toList();
        assertThat(written).hasSize(workers * perWorker).doesNotHaveDuplicates();
        assertThat(batchSizes().max()).as("batches formed").isGreaterThan(1).isLessThanOrEqualTo(64);
        assertThat(batchSizes().count()).isLessThan(workers * perWorker);
        awaitUntil(() -> acknowledged.size() == workers * perWorker);
        assertThat(acknowledged).extracting(ClaimWriter.Written::entryId).doesNotHaveDuplicates();
        assertThat(writer.queued()).isZero();
    }

    private DistributionSummary batchSizes() {
        return meters.get("coupon.atomic.write.batch").summary();
    }

    private static String couponInOtherLane(String coupon, int lanes) {
        for (int i = 0; ; i++) {
            String other = "coupon-" + i;
            if (Math.floorMod(other.hashCode(), lanes) != Math.floorMod(coupon.hashCode(), lanes)) {
                return other;
            }
        }
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Records each statement; can hold the next one until released, fail some, or refuse them. */
    private static final class FakeStore implements ClaimWriter.Store {

        final List<List<IssuedCoupon>> batches = new CopyOnWriteArrayList<>();
        final List<IssuedCoupon> singles = new CopyOnWriteArrayList<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger entered = new AtomicInteger();
        final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();
        volatile CountDownLatch nextGate;
        volatile Function<List<IssuedCoupon>, RuntimeException> failure = copies -> null;
        volatile Function<IssuedCoupon, Persisted> single = ClaimWriterTest::outcomeOf;
        volatile Duration statementTime = Duration.ZERO;

        CountDownLatch holdNextBatch() {
            CountDownLatch gate = new CountDownLatch(1);
            gates.add(gate);
            nextGate = gate;
            return gate;
        }

        void failBatchesWith(Function<List<IssuedCoupon>, RuntimeException> failure) {
            this.failure = failure;
        }

        void openAll() {
            gates.forEach(CountDownLatch::countDown);
        }

        @Override
        public List<Persisted> persistAll(List<IssuedCoupon> copies) {
            threads.add(Thread.currentThread().getName());
            CountDownLatch gate = nextGate;
            nextGate = null;
            entered.incrementAndGet();
            try {
                if (gate != null && !gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test gate never opened");
                }
                if (!statementTime.isZero()) {
                    Thread.sleep(statementTime.toMillis()); // a slow statement: what batching is measured against
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            RuntimeException fail = failure.apply(copies);
            if (fail != null) {
                throw fail;
            }
            batches.add(List.copyOf(copies));
            return copies.stream().map(ClaimWriterTest::outcomeOf).toList();
        }

        @Override
        public Persisted persist(IssuedCoupon copy) {
            singles.add(copy);
            return single.apply(copy);
        }
    }
}
