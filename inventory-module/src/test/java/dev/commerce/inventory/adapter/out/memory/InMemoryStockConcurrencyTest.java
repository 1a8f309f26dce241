package dev.commerce.inventory.adapter.out.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReservationStatus;
import dev.commerce.inventory.domain.Reservation;
import dev.commerce.inventory.domain.ReservationLine;
import dev.commerce.inventory.domain.Stock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-memory lock port keeps the {@code StockConcurrency} contract the module tests rely on. */
class InMemoryStockConcurrencyTest {

    private static final long AWAIT_SECONDS = 30;

    private final InMemoryInventoryTransactions transactions = new InMemoryInventoryTransactions();
    private final InMemoryStockRepository stocks = new InMemoryStockRepository(transactions);
    private final InMemoryReservationRepository reservations = new InMemoryReservationRepository(transactions);
    // Short, because one test waits it out on purpose; nothing asserts how long anything took.
    private final InMemoryStockConcurrency concurrency = new InMemoryStockConcurrency(stocks, transactions, Duration.ofMillis(50));
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    InMemoryStockConcurrencyTest() {
        stocks.save(Stock.reconstitute("A", 10, 0));
        stocks.save(Stock.reconstitute("B", 10, 0));
    }

    @AfterEach
    void stopOtherThread() throws InterruptedException {
        other.shutdownNow();
        assertThat(other.awaitTermination(AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void work_that_throws_is_rolled_back_and_its_exception_propagates() {
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> concurrency.run(List.of("A", "B"), () -> {
            Stock a = stocks.find("A").orElseThrow();
            a.reserve(4);
            stocks.save(a);
            a.reserve(1);
            stocks.save(a);
            reservations.save(aReservation());
            throw failure;
        })).isSameAs(failure);

        assertThat(stocks.find("A").orElseThrow().reserved()).isZero();
        assertThat(reservations.findAll()).isEmpty();
    }

    @Test
    void work_that_returns_is_committed() {
        String result = concurrency.run(List.of("A"), () -> {
            Stock a = stocks.find("A").orElseThrow();
            a.reserve(4);
            stocks.save(a);
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(stocks.find("A").orElseThrow().reserved()).isEqualTo(4);
    }

    @Test
    void a_lock_held_by_another_thread_past_the_timeout_fails_with_lock_timeout_and_the_work_does_not_run()
            throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = other.submit(() -> concurrency.run(List.of("B"), () -> {
            locked.countDown();
            return await(release);
        }));
        assertThat(locked.await(AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean ran = new AtomicBoolean();

        assertThatThrownBy(() -> concurrency.run(List.of("A", "B"), () -> ran.getAndSet(true)))
                .isInstanceOfSatisfying(InventoryException.class, e -> {
                    assertThat(e.code()).isEqualTo(InventoryErrorCode.LOCK_TIMEOUT);
                    assertThat(e.retryAfter()).isPresent();
                });
        assertThat(ran).isFalse();
        // The lock on A, taken before waiting for B, was given back.
        assertThat(concurrency.isLocked("A")).isFalse();
        assertThat(concurrency.isLocked("B")).isTrue();
        release.countDown();
        holder.get(AWAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void locks_are_released_even_when_the_work_throws() throws Exception {
        assertThatThrownBy(() -> concurrency.run(List.of("A", "B", "A"), () -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);

        Future<Boolean> fromOtherThread = other.submit(() -> concurrency.run(List.of("A", "B"), () -> true));
        assertThat(fromOtherThread.get(AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void a_sku_without_a_stock_row_is_not_locked() {
        boolean ran = concurrency.run(List.of("missing"), () -> {
            assertThat(concurrency.isLocked("missing")).isFalse();
            return stocks.find("missing").isEmpty();
        });

        assertThat(ran).isTrue();
    }

    @Test
    void a_nested_call_on_the_same_thread_reenters_and_joins_the_outer_transaction() {
        assertThatThrownBy(() -> concurrency.run(List.of("A"), () -> {
            concurrency.run(List.of("A", "B"), () -> {
                Stock b = stocks.find("B").orElseThrow();
                b.reserve(2);
                stocks.save(b);
                return null;
            });
            throw new IllegalStateException("outer fails after the inner call returned");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(stocks.find("B").orElseThrow().reserved()).isZero();
    }

    @Test
    void stored_aggregates_change_only_through_save() {
        Stock a = stocks.find("A").orElseThrow();
        a.reserve(3);
        Reservation reservation = aReservation();
        reservations.save(reservation);
        reservation.cancel();

        assertThat(stocks.find("A").orElseThrow().reserved()).isZero();
        assertThat(reservations.findById(reservation.id()).orElseThrow().status()).isEqualTo(ReservationStatus.PENDING);
    }

    private static Reservation aReservation() {
        return Reservation.place(1, "order-1", List.of(new ReservationLine("A", 1)), Instant.EPOCH, Duration.ofMinutes(10));
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(AWAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
