package dev.commerce.inventory.application;

import static dev.commerce.inventory.application.Inventory.BUYER;
import static dev.commerce.inventory.application.ReservationRequestBuilder.aReservationRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.ReserveStockCommand;
import dev.commerce.inventory.StockView;
import dev.commerce.inventory.application.port.StockConcurrency;
import dev.commerce.inventory.domain.Stock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reservations placed in one batch: the first reservation holds the rows while the others queue,
 * then they are placed together, each decided on its own against what the ones before it left.
 */
class CombiningStockReserverTest {

    private final Inventory inventory = new Inventory().withStock("A", 10).withStock("B", 5);
    private final CountDownLatch firstMayEnd = new CountDownLatch(1);
    private final AtomicInteger lockings = new AtomicInteger();
    private final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    private final Combiner<StockReserver.Request, dev.commerce.inventory.domain.Reservation> combiner =
            new Combiner<>(16, Inventory.LOCK_TIMEOUT, () -> new IllegalStateException("timed out"), sizes::add);
    private final StockReserver reserver = new StockReserver(inventory.stocks, inventory.reservations,
            new GatedStockConcurrency(inventory.concurrency), inventory.clock, new ReservationSettings(Inventory.LIFETIME), combiner);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void a_short_reservation_in_a_batch_is_refused_alone_and_the_ones_after_it_still_get_what_is_left()
            throws Exception {
        Future<ReservationView> first = reserve(aReservationRequest().forOrder("o-0").line("A", 2).line("B", 1).build());
        awaitLockings(1);
        List<Future<ReservationView>> queued = new ArrayList<>();
        queued.add(reserveQueued(aReservationRequest().forOrder("o-1").line("A", 3).line("B", 2).build(), 1));
        queued.add(reserveQueued(aReservationRequest().forOrder("o-2").line("A", 1).line("B", 3).build(), 2)); // B short
        queued.add(reserveQueued(aReservationRequest().forOrder("o-3").line("B", 2).line("A", 5).build(), 3));
        queued.add(reserveQueued(aReservationRequest().forOrder("o-4").line("A", 1).line("B", 1).build(), 4)); // A short

        firstMayEnd.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).orderId()).isEqualTo("o-0");
        assertThat(queued.get(0).get(10, TimeUnit.SECONDS).orderId()).isEqualTo("o-1");
        assertRefused(queued.get(1), InventoryErrorCode.INSUFFICIENT_STOCK);
        assertThat(queued.get(2).get(10, TimeUnit.SECONDS).orderId()).isEqualTo("o-3");
        assertRefused(queued.get(3), InventoryErrorCode.INSUFFICIENT_STOCK);
        assertThat(sizes).containsExactly(1, 4);
        assertThat(lockings).hasValue(2);
        // o-0, o-1 and o-3 hold 10 of A and 5 of B; the refused ones took nothing
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 10, 0));
        assertThat(inventory.view("B")).isEqualTo(new StockView("B", 5, 5, 0));
        assertThat(inventory.reservations.findAll()).hasSize(3);
    }

    @Test
    void an_unknown_sku_fails_every_reservation_of_the_batch_with_product_not_found() throws Exception {
        Future<ReservationView> first = reserve(aReservationRequest().forOrder("o-0").line("A", 1).line("nope", 1).build());
        awaitLockings(1);
        Future<ReservationView> second = reserveQueued(
                aReservationRequest().forOrder("o-1").line("nope", 1).line("A", 1).build(), 1);

        firstMayEnd.countDown();

        assertRefused(first, InventoryErrorCode.PRODUCT_NOT_FOUND);
        assertRefused(second, InventoryErrorCode.PRODUCT_NOT_FOUND);
        assertThat(inventory.stored("A").reserved()).isZero();
        assertThat(inventory.reservations.findAll()).isEmpty();
    }

    @Test
    void a_keyed_request_with_its_twin_in_the_batch_fails_only_the_twin_which_gets_the_first_ones_reservation()
            throws Exception {
        Future<ReservationView> first = reserve(aReservationRequest().forOrder("o-0").line("A", 1).line("B", 1).build());
        awaitLockings(1);
        Future<ReservationView> keyed = reserveQueued(keyed("o-1", "order:o-1", 2), 1);
        Future<ReservationView> unkeyed = reserveQueued(aReservationRequest().forOrder("o-2").line("A", 1).line("B", 1)
                .build(), 2);
        Future<ReservationView> twin = reserveQueued(keyed("o-1", "order:o-1", 2), 3);

        firstMayEnd.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).orderId()).isEqualTo("o-0");
        String keyedId = keyed.get(10, TimeUnit.SECONDS).id();
        assertThat(unkeyed.get(10, TimeUnit.SECONDS).orderId()).isEqualTo("o-2");
        assertThat(twin.get(10, TimeUnit.SECONDS).id()).isEqualTo(keyedId);
        // the batch of three was refused by the twin's key as a whole, then placed one by one
        assertThat(sizes).containsExactly(1, 3);
        assertThat(lockings).hasValue(1 + 1 + 3);
        assertThat(inventory.reservations.findAll()).hasSize(3);
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 4, 6));
        assertThat(inventory.view("B")).isEqualTo(new StockView("B", 5, 3, 2));
    }

    @Test
    void a_keyed_request_that_passed_the_look_up_while_its_twin_held_the_rows_gets_the_twins_reservation()
            throws Exception {
        Future<ReservationView> first = reserve(keyed("o-1", "order:o-1", 2));
        awaitLockings(1);
        Future<ReservationView> again = reserveQueued(keyed("o-1", "order:o-1", 2), 1);

        firstMayEnd.countDown();

        assertThat(again.get(10, TimeUnit.SECONDS)).isEqualTo(first.get(10, TimeUnit.SECONDS));
        assertThat(lockings).as("the repetition reached the rows: only the unique key stopped it").hasValue(2);
        assertThat(inventory.reservations.findAll()).hasSize(1);
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 2, 8));
        assertThat(inventory.view("B")).isEqualTo(new StockView("B", 5, 1, 4));
    }

    @Test
    void a_keyed_request_refused_for_the_stock_its_twin_took_gets_the_twins_reservation() throws Exception {
        Future<ReservationView> first = reserve(keyed("o-1", "order:o-1", 10));
        awaitLockings(1);
        Future<ReservationView> again = reserveQueued(keyed("o-1", "order:o-1", 10), 1);

        firstMayEnd.countDown();

        assertThat(again.get(10, TimeUnit.SECONDS)).isEqualTo(first.get(10, TimeUnit.SECONDS));
        assertThat(inventory.reservations.findAll()).hasSize(1);
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 10, 0));
    }

    private static ReserveStockCommand keyed(String orderId, String key, int quantityOfA) {
        return new ReserveStockCommand(orderId, List.of(new ReserveStockCommand.Line("A", quantityOfA),
                new ReserveStockCommand.Line("B", 1)), key);
    }

    private Future<ReservationView> reserve(ReserveStockCommand command) {
        return threads.submit(() -> reserver.reserve(BUYER, command));
    }

    /** Sends the command and waits until it is the {@code position}-th queued behind the running batch. */
    private Future<ReservationView> reserveQueued(ReserveStockCommand command, int position) throws InterruptedException {
        Future<ReservationView> answer = reserve(command);
        String key = String.join("\u0000", command.skus().stream().distinct().sorted().toList());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (combiner.waiting(key) < position) {
            assertThat(System.nanoTime()).as("queued in time").isLessThan(deadline);
            Thread.sleep(1);
        }
        return answer;
    }

    private void awaitLockings(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lockings.get() < count) {
            assertThat(System.nanoTime()).as("locked in time").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private static void assertRefused(Future<ReservationView> answer, InventoryErrorCode code) throws Exception {
        try {
            answer.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected " + code);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOfSatisfying(InventoryException.class,
                    refused -> assertThat(refused.code()).isEqualTo(code));
        }
    }

    /** The in-memory lock port, whose first locked work waits until the test lets it end. */
    private final class GatedStockConcurrency implements StockConcurrency {

        private final StockConcurrency delegate;

        GatedStockConcurrency(StockConcurrency delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> T run(Collection<String> skus, Supplier<T> work) {
            return delegate.run(skus, work);
        }

        @Override
        public <T> T runWithStocks(Collection<String> skus, Function<Map<String, Stock>, T> work) {
            return delegate.runWithStocks(skus, found -> {
                if (lockings.incrementAndGet() == 1) {
                    try {
                        firstMayEnd.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return work.apply(found);
            });
        }
    }
}
