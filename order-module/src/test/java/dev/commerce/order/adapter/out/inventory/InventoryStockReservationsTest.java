package dev.commerce.order.adapter.out.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.inventory.ReservationLineView;
import dev.commerce.inventory.ReservationStatus;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.ReserveStockCommand;
import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.order.application.port.StockReservations;
import dev.commerce.shared.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The order's reservation carries the request key {@code order:<orderId>}, so a placement that runs
 * again for the same order id (its key taken over after a crash) gets the first run's reservation.
 * The inventory side of the key (one reservation per owner and key) is proven by the inventory
 * module's tests and, end to end, by {@code ReservationRequestKeyIT}.
 */
class InventoryStockReservationsTest {

    private static final Instant EXPIRES = Instant.parse("2026-01-01T00:10:00Z");
    private static final List<StockReservations.Line> LINES = List.of(new StockReservations.Line("A", 2));

    private final KeyedInventory inventory = new KeyedInventory();
    private final InventoryStockReservations reservations = new InventoryStockReservations(inventory,
            command -> { throw new UnsupportedOperationException(); },
            (caller, command) -> { throw new UnsupportedOperationException(); },
            (caller, id) -> { throw new UnsupportedOperationException(); });

    @Test
    void the_reservation_of_an_order_is_keyed_by_its_id_so_a_second_run_gets_the_first_reservation() {
        StockReservations.Reserved first = reservations.reserve(42, "o-1", LINES);
        StockReservations.Reserved again = reservations.reserve(42, "o-1", LINES);

        assertThat(again).isEqualTo(first);
        assertThat(inventory.keys).containsExactly("order:o-1", "order:o-1");
        assertThat(inventory.placed).hasSize(1);
    }

    @Test
    void another_order_or_another_buyer_is_another_reservation() {
        StockReservations.Reserved mine = reservations.reserve(42, "o-1", LINES);

        assertThat(reservations.reserve(42, "o-2", LINES).reservationId()).isNotEqualTo(mine.reservationId());
        assertThat(reservations.reserve(43, "o-1", LINES).reservationId()).isNotEqualTo(mine.reservationId());
        assertThat(inventory.placed).hasSize(3);
    }

    @Test
    void an_earlier_runs_reservation_no_longer_pending_is_replaced_by_one_keyed_after_it_which_a_further_run_finds() {
        StockReservations.Reserved first = reservations.reserve(42, "o-1", LINES);
        inventory.setStatus(first.reservationId(), ReservationStatus.CANCELLED); // released by that run's undo

        StockReservations.Reserved second = reservations.reserve(42, "o-1", LINES);
        StockReservations.Reserved third = reservations.reserve(42, "o-1", LINES);

        assertThat(second.reservationId()).isNotEqualTo(first.reservationId());
        assertThat(third).isEqualTo(second);
        assertThat(inventory.placed).hasSize(2);
        assertThat(inventory.keys).containsExactly("order:o-1",
                "order:o-1", "order:o-1/after:" + first.reservationId(),
                "order:o-1", "order:o-1/after:" + first.reservationId());
    }

    /** The inventory's reserve use case as far as keys go: one reservation per owner and request key. */
    private static final class KeyedInventory implements ReserveStockUseCase {

        final List<String> keys = new ArrayList<>();
        final Map<String, ReservationView> placed = new HashMap<>();

        @Override
        public ReservationView reserve(Caller caller, ReserveStockCommand command) {
            keys.add(command.requestKey());
            return placed.computeIfAbsent(caller.userId() + " " + command.requestKey(),
                    owned -> new ReservationView(UUID.randomUUID().toString(), command.orderId(),
                            ReservationStatus.PENDING, command.lines().stream()
                                    .map(line -> new ReservationLineView(line.sku(), line.quantity())).toList(),
                            EXPIRES));
        }

        void setStatus(String reservationId, ReservationStatus status) {
            placed.replaceAll((key, view) -> view.id().equals(reservationId)
                    ? new ReservationView(view.id(), view.orderId(), status, view.lines(), view.expiresAt())
                    : view);
        }
    }
}
