package dev.commerce.inventory.application;

import static dev.commerce.inventory.application.Inventory.BUYER;
import static dev.commerce.inventory.application.ReservationRequestBuilder.aReservationRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.inventory.CancelReservationCommand;
import dev.commerce.inventory.ConfirmReservationCommand;
import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReservationStatus;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.StockView;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ReservationCloserTest {

    private final Inventory inventory = new Inventory().withStock("A", 10).withStock("B", 5);
    private final ReservationView reservation = inventory.reserver.reserve(BUYER,
            aReservationRequest().line("A", 3).line("B", 2).build());

    private static void assertFailsWith(InventoryErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InventoryException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    private ReservationView confirm() {
        return inventory.closer.confirm(new ConfirmReservationCommand(reservation.id()));
    }

    private ReservationView cancel() {
        return inventory.closer.cancel(BUYER, new CancelReservationCommand(reservation.id()));
    }

    @Test
    void confirming_lowers_on_hand_and_reserved_alike() {
        ReservationView confirmed = confirm();

        assertThat(confirmed.status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 7, 0, 7));
        assertThat(inventory.view("B")).isEqualTo(new StockView("B", 3, 0, 3));
        assertThat(inventory.reader.getReservation(BUYER, reservation.id()).status()).isEqualTo(ReservationStatus.CONFIRMED);
    }

    @Test
    void cancelling_returns_the_reserved_stock_to_available() {
        ReservationView cancelled = cancel();

        assertThat(cancelled.status()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 0, 10));
        assertThat(inventory.view("B")).isEqualTo(new StockView("B", 5, 0, 5));
    }

    @Test
    void confirming_twice_is_refused_without_a_second_stock_movement() {
        confirm();

        assertFailsWith(InventoryErrorCode.RESERVATION_NOT_PENDING, this::confirm);
        assertFailsWith(InventoryErrorCode.RESERVATION_NOT_PENDING, this::cancel);
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 7, 0, 7));
        assertThat(inventory.view("B")).isEqualTo(new StockView("B", 3, 0, 3));
        assertThat(inventory.reader.getReservation(BUYER, reservation.id()).status()).isEqualTo(ReservationStatus.CONFIRMED);
    }

    @Test
    void cancelling_twice_is_refused_without_a_second_stock_movement() {
        cancel();

        assertFailsWith(InventoryErrorCode.RESERVATION_NOT_PENDING, this::cancel);
        assertFailsWith(InventoryErrorCode.RESERVATION_NOT_PENDING, this::confirm);
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 0, 10));
        assertThat(inventory.reader.getReservation(BUYER, reservation.id()).status()).isEqualTo(ReservationStatus.CANCELLED);
    }

    @Test
    void confirming_after_the_expiry_time_expires_the_reservation_instead() {
        inventory.clock.advance(Inventory.LIFETIME);

        assertFailsWith(InventoryErrorCode.RESERVATION_NOT_PENDING, this::confirm);
        assertThat(inventory.reader.getReservation(BUYER, reservation.id()).status()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 0, 10));
        assertThat(inventory.view("B")).isEqualTo(new StockView("B", 5, 0, 5));
    }

    @Test
    void confirming_just_before_the_expiry_time_still_confirms() {
        inventory.clock.advance(Inventory.LIFETIME.minus(Duration.ofMillis(1)));

        assertThat(confirm().status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 7, 0, 7));
    }

    @Test
    void closing_an_unknown_reservation_fails_with_reservation_not_found() {
        assertFailsWith(InventoryErrorCode.RESERVATION_NOT_FOUND,
                () -> inventory.closer.confirm(new ConfirmReservationCommand("nope")));
        assertFailsWith(InventoryErrorCode.RESERVATION_NOT_FOUND,
                () -> inventory.closer.cancel(BUYER, new CancelReservationCommand("nope")));
    }
}
