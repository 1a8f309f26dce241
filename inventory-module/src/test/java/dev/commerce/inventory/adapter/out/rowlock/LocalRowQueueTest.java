package dev.commerce.inventory.adapter.out.rowlock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalRowQueueTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(16);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void requests_for_one_sku_take_turns_one_at_a_time() throws Exception {
        LocalRowQueue queue = new LocalRowQueue(Duration.ofSeconds(10));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            done.add(threads.submit(() -> {
                go.await();
                for (int round = 0; round < 50; round++) {
                    try (LocalRowQueue.Turn turn = queue.await(new String[] {"HOT"})) {
                        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.onSpinWait();
                        inside.decrementAndGet();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> future : done) {
            future.get(30, TimeUnit.SECONDS);
        }

        assertThat(mostInside.get()).isEqualTo(1);
    }

    @Test
    void a_request_that_waits_past_the_timeout_is_answered_lock_timeout_and_holds_nothing() throws Exception {
        LocalRowQueue queue = new LocalRowQueue(Duration.ofMillis(200));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = threads.submit(() -> {
            try (LocalRowQueue.Turn turn = queue.await(new String[] {"A"})) {
                holding.countDown();
                release.await();
            }
            return null;
        });
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        // B is free and taken first (stripes in ascending order) or after A: either way it must be given back
        assertThatThrownBy(() -> queue.await(new String[] {"A", "B"}))
                .isInstanceOfSatisfying(InventoryException.class,
                        e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.LOCK_TIMEOUT));
        Future<Boolean> other = threads.submit(() -> {
            try (LocalRowQueue.Turn turn = queue.await(new String[] {"B"})) {
                return true;
            }
        });
        assertThat(other.get(10, TimeUnit.SECONDS)).isTrue();

        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        try (LocalRowQueue.Turn turn = queue.await(new String[] {"A", "B"})) {
            assertThat(turn).isNotNull();
        }
    }

    @Test
    void orders_naming_the_same_skus_in_opposite_order_never_wait_for_each_other_in_a_circle() throws Exception {
        LocalRowQueue queue = new LocalRowQueue(Duration.ofSeconds(10));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String[] skus = i % 2 == 0 ? new String[] {"A", "B", "C"} : new String[] {"C", "B", "A"};
            done.add(threads.submit(() -> {
                go.await();
                for (int round = 0; round < 100; round++) {
                    try (LocalRowQueue.Turn turn = queue.await(skus)) {
                        Thread.onSpinWait();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> future : done) {
            // a circular wait would time out with LOCK_TIMEOUT after 10 s and fail here
            future.get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * The lock-order rule alone, in one fixed interleaving rather than hoped for among threads: two
     * orders naming A and B in opposite order queue behind a holder of both, which then lets go of
     * both at once. Taken in ascending order, both wait for A and go one after the other; taken in
     * the order named, one would get B and the other A, and each would wait for the other's.
     */
    @Test
    void orders_naming_two_skus_in_opposite_order_behind_one_holder_both_get_their_turn() throws Exception {
        LocalRowQueue queue = new LocalRowQueue(Duration.ofSeconds(3));
        LocalRowQueue.Turn holder = queue.await(new String[] {"A", "B"});
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread ab = waiter(queue, new String[] {"A", "B"}, failures);
        awaitWaiting(ab);
        Thread ba = waiter(queue, new String[] {"B", "A"}, failures);
        awaitWaiting(ba);

        holder.close();
        ab.join(10_000);
        ba.join(10_000);

        assertThat(failures).as("orders that timed out waiting for each other").isEmpty();
    }

    private static Thread waiter(LocalRowQueue queue, String[] skus, List<Throwable> failures) {
        return Thread.ofPlatform().start(() -> {
            try (LocalRowQueue.Turn turn = queue.await(skus)) {
                Thread.onSpinWait();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        });
    }

    /** Until the thread waits for a stripe (parked with the queue's timeout). */
    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(thread + " never waited for its turn: " + thread.getState());
            }
            Thread.sleep(1);
        }
    }
}
