package dev.commerce.inventory.application;

import static dev.commerce.inventory.application.Inventory.ADMIN;
import static dev.commerce.inventory.application.Inventory.BUYER;
import static dev.commerce.inventory.application.Inventory.OTHER_BUYER;
import static dev.commerce.inventory.application.ReservationRequestBuilder.aReservationRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.commerce.inventory.CancelReservationCommand;
import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReservationStatus;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.inventory.StockView;
import dev.commerce.inventory.domain.Reservation;
import dev.commerce.inventory.domain.ReservationLine;
import dev.commerce.shared.Caller;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A reservation belongs to the buyer who placed it: to anyone else but an administrator it does not exist. */
class ReservationOwnershipTest {

    private final Inventory inventory = new Inventory().withStock("A", 10);
    private final ReservationView ofBuyer = inventory.reserver.reserve(BUYER, aReservationRequest().line("A", 3).build());

    @ParameterizedTest
    @ValueSource(strings = {"locking", "combining", "conditional"})
    void every_way_of_reserving_stores_the_caller_as_the_owner(String strategy) {
        Map<String, Function<Inventory, ReserveStockUseCase>> reservers = Map.of(
                "locking", inventory -> inventory.reserver,
                "combining", inventory -> inventory.combiningReserver,
                "conditional", inventory -> inventory.conditionalReserver);
        Inventory fresh = new Inventory().withStock("A", 10);

        ReservationView placed = reservers.get(strategy).apply(fresh).reserve(OTHER_BUYER,
                aReservationRequest().line("A", 1).build());

        assertThat(fresh.reservations.findById(placed.id())).get().extracting(Reservation::ownerId)
                .isEqualTo(OTHER_BUYER.userId());
    }

    @Test
    void another_buyer_reading_the_reservation_gets_exactly_the_answer_for_an_id_that_does_not_exist() {
        String missingId = "no-such-reservation";
        InventoryException forMissing = catchThrowableOfType(InventoryException.class,
                () -> inventory.reader.getReservation(OTHER_BUYER, missingId));

        InventoryException forOthers = catchThrowableOfType(InventoryException.class,
                () -> inventory.reader.getReservation(OTHER_BUYER, ofBuyer.id()));

        assertThat(forOthers.code()).isEqualTo(forMissing.code()).isEqualTo(InventoryErrorCode.RESERVATION_NOT_FOUND);
        assertThat(forOthers.getMessage()).isEqualTo(forMissing.getMessage().replace(missingId, ofBuyer.id()));
        assertThat(inventory.reader.getReservation(BUYER, ofBuyer.id())).isEqualTo(ofBuyer);
    }

    @Test
    void another_buyer_cancelling_the_reservation_is_told_it_does_not_exist_and_nothing_changes() {
        assertNotFound(() -> inventory.closer.cancel(OTHER_BUYER, new CancelReservationCommand(ofBuyer.id())));

        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 3, 7));
        assertThat(inventory.reader.getReservation(BUYER, ofBuyer.id()).status()).isEqualTo(ReservationStatus.PENDING);
    }

    @Test
    void another_buyer_cancelling_a_closed_reservation_is_told_it_does_not_exist_rather_than_that_it_is_closed() {
        inventory.closer.cancel(BUYER, new CancelReservationCommand(ofBuyer.id()));

        assertNotFound(() -> inventory.closer.cancel(OTHER_BUYER, new CancelReservationCommand(ofBuyer.id())));
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 0, 10));
    }

    @Test
    void an_administrator_sees_and_cancels_any_buyers_reservation() {
        assertThat(inventory.reader.getReservation(ADMIN, ofBuyer.id())).isEqualTo(ofBuyer);

        ReservationView cancelled = inventory.closer.cancel(ADMIN, new CancelReservationCommand(ofBuyer.id()));

        assertThat(cancelled.status()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 0, 10));
    }

    @Test
    void the_owner_cancels_their_own_reservation() {
        ReservationView cancelled = inventory.closer.cancel(BUYER, new CancelReservationCommand(ofBuyer.id()));

        assertThat(cancelled.status()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 0, 10));
    }

    @Test
    void a_reservation_placed_before_owners_were_recorded_is_seen_only_by_administrators() {
        Reservation ownerless = Reservation.place(0, "o-old", List.of(new ReservationLine("A", 1)),
                inventory.clock.instant(), Inventory.LIFETIME);
        inventory.reservations.save(ownerless);

        assertNotFound(() -> inventory.reader.getReservation(BUYER, ownerless.id()));
        assertNotFound(() -> inventory.reader.getReservation(Caller.buyer(Long.MAX_VALUE), ownerless.id()));
        assertThat(inventory.reader.getReservation(ADMIN, ownerless.id()).orderId()).isEqualTo("o-old");
    }

    private static void assertNotFound(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InventoryException.class,
                e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.RESERVATION_NOT_FOUND));
    }
}
