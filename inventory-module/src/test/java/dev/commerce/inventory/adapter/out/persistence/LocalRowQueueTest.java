package dev.commerce.inventory.adapter.out.persistence;

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
}
