package dev.commerce.inventory.application;

import static dev.commerce.inventory.application.Inventory.BUYER;
import static dev.commerce.testing.ConcurrentRun.OK;
import static dev.commerce.inventory.application.ReservationRequestBuilder.aReservationRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.testing.ConcurrentRun;
import dev.commerce.inventory.CancelReservationCommand;
import dev.commerce.inventory.ConfirmReservationCommand;
import dev.commerce.inventory.ExpireReservationsCommand;
import dev.commerce.inventory.ReservationStatus;
import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.SetStockCommand;
import dev.commerce.inventory.StockView;
import dev.commerce.inventory.domain.Reservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Many workers released at once against the same stock rows. Every test counts outcomes by kind
 * and then checks the stored state, which must add up exactly.
 */
class ReservationConcurrencyTest {

    private static final String INSUFFICIENT = "INSUFFICIENT_STOCK";
    private static final String NOT_PENDING = "RESERVATION_NOT_PENDING";

    final Inventory inventory = new Inventory();

    /** The reserver under test: the locking one here, the conditional-update one in a subclass. */
    ReserveStockUseCase reserver() {
        return inventory.reserver;
    }

    private Map<String, Integer> reserveOneUnitConcurrently(int workers) throws Exception {
        return ConcurrentRun.run(workers, i -> () -> reserver().reserve(BUYER,
                aReservationRequest().forOrder("o-" + i).line("A", 1).build()));
    }

    @Test
    void one_hundred_concurrent_reservations_take_exactly_a_stock_of_one_hundred() throws Exception {
        inventory.withStock("A", 100);

        Map<String, Integer> outcomes = reserveOneUnitConcurrently(100);

        assertThat(outcomes).containsExactlyEntriesOf(Map.of(OK, 100));
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 100, 100, 0));
        assertThat(inventory.reservations.findAll()).hasSize(100);
    }

    @Test
    void the_one_hundred_and_first_concurrent_reservation_finds_no_stock() throws Exception {
        inventory.withStock("A", 100);

        Map<String, Integer> outcomes = reserveOneUnitConcurrently(101);

        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of(OK, 100, INSUFFICIENT, 1));
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 100, 100, 0));
        assertThat(inventory.reservations.findAll()).hasSize(100);
    }

    @Test
    void a_thousand_concurrent_reservations_on_a_stock_of_one_hundred_get_exactly_one_hundred() throws Exception {
        inventory.withStock("A", 100);

        Map<String, Integer> outcomes = reserveOneUnitConcurrently(1000);

        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of(OK, 100, INSUFFICIENT, 900));
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 100, 100, 0));
        assertThat(inventory.reservations.findAll()).hasSize(100)
                .allSatisfy(reservation -> assertThat(reservation.status()).isEqualTo(ReservationStatus.PENDING));
    }

    @Test
    void multi_line_reservations_in_opposite_sku_orders_neither_deadlock_nor_reserve_half() throws Exception {
        // B runs out first: a worker that reserved A but then failed on B would leave A over-reserved.
        inventory.withStock("A", 400).withStock("B", 200);

        Map<String, Integer> outcomes = ConcurrentRun.run(200, i -> () -> reserver().reserve(BUYER,
                i % 2 == 0
                        ? aReservationRequest().forOrder("o-" + i).line("A", 2).line("B", 2).build()
                        : aReservationRequest().forOrder("o-" + i).line("B", 2).line("A", 2).build()));

        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of(OK, 100, INSUFFICIENT, 100));
        int successes = outcomes.get(OK);
        assertThat(inventory.stored("A").reserved()).isEqualTo(2L * successes);
        assertThat(inventory.stored("B").reserved()).isEqualTo(2L * successes);
        assertThat(inventory.view("B").available()).isZero();
        assertThat(inventory.reservations.findAll()).hasSize(successes);
    }

    @Test
    void confirming_and_cancelling_one_reservation_concurrently_closes_it_once() throws Exception {
        inventory.withStock("A", 10);
        String id = reserver().reserve(BUYER, aReservationRequest().line("A", 4).build()).id();

        Map<String, Integer> outcomes = ConcurrentRun.run(20, i -> i % 2 == 0
                ? () -> inventory.closer.confirm(new ConfirmReservationCommand(id))
                : () -> inventory.closer.cancel(BUYER, new CancelReservationCommand(id)));

        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of(OK, 1, NOT_PENDING, 19));
        ReservationStatus status = inventory.reader.getReservation(BUYER, id).status();
        long expectedOnHand = status == ReservationStatus.CONFIRMED ? 6 : 10;
        assertThat(status).isIn(ReservationStatus.CONFIRMED, ReservationStatus.CANCELLED);
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", expectedOnHand, 0, expectedOnHand));
    }

    @Test
    void expiry_racing_with_cancel_releases_each_reservation_exactly_once() throws Exception {
        Race race = new Race(50);
        inventory.clock.set(race.expiresAt.plusSeconds(1));

        Map<String, Integer> outcomes = race.run(id -> inventory.closer.cancel(BUYER, new CancelReservationCommand(id)));

        assertThat(outcomes.getOrDefault(OK, 0) + race.expired.get()).isEqualTo(race.ids.size());
        assertThat(outcomes.getOrDefault(NOT_PENDING, 0)).isEqualTo(race.expired.get());
        assertThat(outcomes.keySet()).isSubsetOf(OK, NOT_PENDING);
        assertThat(race.statusCounts()).containsExactlyInAnyOrderEntriesOf(withoutZeros(Map.of(
                ReservationStatus.CANCELLED, (long) outcomes.getOrDefault(OK, 0),
                ReservationStatus.EXPIRED, (long) race.expired.get(),
                ReservationStatus.PENDING, 1L)));
        // Only the holdout reservation still holds stock; a double release would show here.
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 100, Race.HOLDOUT, 100 - Race.HOLDOUT));
    }

    @Test
    void expiry_racing_with_confirm_closes_each_reservation_exactly_once() throws Exception {
        Race race = new Race(50);
        // Confirm arrives just before the deadline while the expiry run is already just past it.
        inventory.clock.set(race.expiresAt.minusMillis(1));

        Map<String, Integer> outcomes = race.run(id -> inventory.closer.confirm(new ConfirmReservationCommand(id)));

        int confirmed = outcomes.getOrDefault(OK, 0);
        assertThat(confirmed + race.expired.get()).isEqualTo(race.ids.size());
        assertThat(outcomes.getOrDefault(NOT_PENDING, 0)).isEqualTo(race.expired.get());
        assertThat(outcomes.keySet()).isSubsetOf(OK, NOT_PENDING);
        assertThat(race.statusCounts()).containsExactlyInAnyOrderEntriesOf(withoutZeros(Map.of(
                ReservationStatus.CONFIRMED, (long) confirmed,
                ReservationStatus.EXPIRED, (long) race.expired.get(),
                ReservationStatus.PENDING, 1L)));
        long onHand = 100 - confirmed;
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", onHand, Race.HOLDOUT, onHand - Race.HOLDOUT));
    }

    @Test
    void concurrent_first_stock_settings_of_a_new_sku_all_succeed_on_one_row() throws Exception {
        Map<String, Integer> outcomes = ConcurrentRun.run(50,
                i -> () -> inventory.stockKeeper.setStock(new SetStockCommand("NEW", i)));

        assertThat(outcomes).containsExactlyEntriesOf(Map.of(OK, 50));
        StockView stock = inventory.view("NEW");
        assertThat(stock.onHand()).isBetween(0L, 49L);
        assertThat(stock.reserved()).isZero();
    }

    private static Map<ReservationStatus, Long> withoutZeros(Map<ReservationStatus, Long> counts) {
        return counts.entrySet().stream().filter(entry -> entry.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * Single-unit reservations that all fall due at {@code expiresAt}, plus one later "holdout"
     * reservation, raced by one closing worker per reservation and two expiry runs.
     */
    private final class Race {

        static final long HOLDOUT = 7;
        final List<String> ids = new ArrayList<>();
        final Instant expiresAt;
        final AtomicInteger expired = new AtomicInteger();

        Race(int reservations) {
            inventory.withStock("A", 100);
            for (int i = 0; i < reservations; i++) {
                ids.add(reserver().reserve(BUYER, aReservationRequest().forOrder("o-" + i).line("A", 1).build()).id());
            }
            expiresAt = inventory.reader.getReservation(BUYER, ids.getFirst()).expiresAt();
            inventory.clock.advance(Duration.ofMinutes(1));
            reserver().reserve(BUYER, aReservationRequest().forOrder("holdout").line("A", (int) HOLDOUT).build());
        }

        /** Runs the race and returns the outcomes of the closing worker; the expiry runs add to {@link #expired}. */
        Map<String, Integer> run(CloseCall close) throws Exception {
            Instant asOf = expiresAt.plusMillis(1);
            List<String> outcomes = ConcurrentRun.outcomes(ids.size() + 2, i -> i < ids.size()
                    ? (Callable<ReservationView>) () -> close.apply(ids.get(i))
                    : () -> expired.addAndGet(inventory.expirer.expireOverdue(ExpireReservationsCommand.asOf(asOf))));
            assertThat(outcomes.subList(ids.size(), outcomes.size())).as("expiry runs").containsOnly(OK);
            return ConcurrentRun.count(outcomes.subList(0, ids.size()));
        }

        /** How many stored reservations have each status; statuses nobody has are left out. */
        Map<ReservationStatus, Long> statusCounts() {
            return inventory.reservations.findAll().stream().collect(Collectors.groupingBy(Reservation::status, Collectors.counting()));
        }
    }

    @FunctionalInterface
    private interface CloseCall {
        ReservationView apply(String reservationId);
    }
}
