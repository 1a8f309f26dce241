package dev.commerce.inventory.application;

import static dev.commerce.inventory.application.Inventory.BUYER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.inventory.CancelReservationCommand;
import dev.commerce.inventory.ConfirmReservationCommand;
import dev.commerce.inventory.ExpireReservationsCommand;
import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReservationStatus;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.ReserveStockCommand;
import dev.commerce.inventory.StockView;
import dev.commerce.inventory.application.port.AvailableStock;
import dev.commerce.inventory.application.port.StockConcurrency;
import dev.commerce.inventory.domain.Stock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The races that the re-reads under the row locks decide, played in one fixed order instead of
 * hoped for among threads: another request wins between the moment a use case read a reservation
 * without locks and the moment it holds the locks ({@link RacedLocks}); and the order in which the
 * conditional strategy takes its row locks, recorded rather than left to show as a deadlock. Each
 * test is the proof of one guard (see {@code infra/mutations/guards.tsv}); a reservation of another
 * order keeps enough stock reserved that a second release would not be caught by {@link Stock}'s
 * own check.
 */
class ReservationRaceGuardsTest {

    private final Inventory inventory = new Inventory().withStock("A", 10);
    private final RacedLocks locks = new RacedLocks(inventory.concurrency);
    /** Placed first: the reservation the races are about (3 of A). */
    private final ReservationView raced = inventory.reserver.reserve(BUYER,
            new ReserveStockCommand("o-raced", List.of(new ReserveStockCommand.Line("A", 3))));
    /** Placed a minute later, so never overdue with it: keeps 4 of A reserved throughout. */
    private final ReservationView holdout;

    ReservationRaceGuardsTest() {
        inventory.clock.advance(Duration.ofMinutes(1));
        holdout = inventory.reserver.reserve(BUYER,
                new ReserveStockCommand("o-holdout", List.of(new ReserveStockCommand.Line("A", 4))));
    }

    /** The inventory's lock port, with another request's move run just before a caller gets the locks. */
    private static final class RacedLocks implements StockConcurrency {

        private final StockConcurrency locks;
        private final AtomicInteger lockings = new AtomicInteger();
        private volatile Runnable before = () -> { };

        RacedLocks(StockConcurrency locks) {
            this.locks = locks;
        }

        /** The next caller, having read what it read, finds that {@code winner} got the locks first. */
        void beforeNextLocking(Runnable winner) {
            before = winner;
        }

        private void race() {
            lockings.incrementAndGet();
            Runnable winner = before;
            before = () -> { };
            winner.run();
        }

        @Override
        public <T> T run(Collection<String> skus, Supplier<T> work) {
            race();
            return locks.run(skus, work);
        }

        @Override
        public <T> T runWithStocks(Collection<String> skus, Function<Map<String, Stock>, T> work) {
            race();
            return locks.runWithStocks(skus, work);
        }
    }

    private ReservationStatus status(ReservationView reservation) {
        return inventory.reader.getReservation(BUYER, reservation.id()).status();
    }

    @Test
    void the_expiry_sweep_leaves_a_reservation_confirmed_after_it_was_listed() {
        ReservationExpirer expirer = new ReservationExpirer(inventory.reservations, inventory.stocks, locks);
        // the confirm comes just before the deadline, the sweep just after it
        inventory.clock.set(raced.expiresAt().minusMillis(1));
        locks.beforeNextLocking(() -> inventory.closer.confirm(new ConfirmReservationCommand(raced.id())));

        int expired = expirer.expireOverdue(ExpireReservationsCommand.asOf(raced.expiresAt()));

        assertThat(expired).isZero();
        assertThat(status(raced)).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(inventory.view("A")).as("the confirmed 3 left, the holdout's 4 still reserved")
                .isEqualTo(new StockView("A", 7, 4, 3));
    }

    @Test
    void the_expiry_sweep_leaves_a_reservation_cancelled_after_it_was_listed() {
        ReservationExpirer expirer = new ReservationExpirer(inventory.reservations, inventory.stocks, locks);
        locks.beforeNextLocking(() -> inventory.closer.cancel(BUYER, new CancelReservationCommand(raced.id())));

        int expired = expirer.expireOverdue(ExpireReservationsCommand.asOf(raced.expiresAt()));

        assertThat(expired).isZero();
        assertThat(status(raced)).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(inventory.view("A")).as("released once").isEqualTo(new StockView("A", 10, 4, 6));
    }

    @Test
    void a_confirm_that_waited_for_the_locks_while_a_cancel_closed_the_reservation_is_refused() {
        ReservationCloser closer = new ReservationCloser(inventory.reservations, inventory.stocks, locks,
                inventory.clock);
        locks.beforeNextLocking(() -> inventory.closer.cancel(BUYER, new CancelReservationCommand(raced.id())));

        assertThatThrownBy(() -> closer.confirm(new ConfirmReservationCommand(raced.id())))
                .isInstanceOfSatisfying(InventoryException.class,
                        e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.RESERVATION_NOT_PENDING));
        assertThat(status(raced)).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(inventory.view("A")).as("closed once").isEqualTo(new StockView("A", 10, 4, 6));
        assertThat(status(holdout)).isEqualTo(ReservationStatus.PENDING);
    }

    @Test
    void a_repeated_keyed_request_is_answered_from_its_key_without_taking_a_lock() {
        StockReserver reserver = new StockReserver(inventory.stocks, inventory.reservations, locks, inventory.clock,
                new ReservationSettings(Inventory.LIFETIME));
        ReserveStockCommand keyed = new ReserveStockCommand("o-keyed", List.of(new ReserveStockCommand.Line("A", 2)),
                "http:guard");
        ReservationView first = reserver.reserve(BUYER, keyed);
        int lockings = locks.lockings.get();

        ReservationView again = reserver.reserve(BUYER, keyed);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(locks.lockings).as("lock acquisitions for the repetition").hasValue(lockings);
        assertThat(inventory.stored("A").reserved()).isEqualTo(3 + 4 + 2);
    }

    @Test
    void the_conditional_strategy_locks_the_rows_of_an_order_in_sku_order_whatever_the_order_of_its_lines() {
        inventory.withStock("B", 10).withStock("C", 10);
        List<String> locked = new CopyOnWriteArrayList<>();
        // each conditional UPDATE locks its row until the transaction ends: the calls are the lock order
        AvailableStock recording = (sku, quantity) -> {
            locked.add(sku);
            return inventory.stocks.reserveIfAvailable(sku, quantity);
        };
        ConditionalStockReserver reserver = new ConditionalStockReserver(inventory.stocks, recording, inventory.reservations,
                inventory.transactions,
                inventory.clock, new ReservationSettings(Inventory.LIFETIME));

        reserver.reserve(BUYER, new ReserveStockCommand("o-cba", List.of(new ReserveStockCommand.Line("C", 1),
                new ReserveStockCommand.Line("A", 1), new ReserveStockCommand.Line("B", 1))));

        assertThat(locked).containsExactly("A", "B", "C");
    }
}
