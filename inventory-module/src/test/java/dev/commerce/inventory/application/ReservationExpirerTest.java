package dev.commerce.inventory.application;

import static dev.commerce.inventory.application.Inventory.BUYER;
import static dev.commerce.inventory.application.ReservationRequestBuilder.aReservationRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.inventory.CancelReservationCommand;
import dev.commerce.inventory.ExpireReservationsCommand;
import dev.commerce.inventory.ReservationStatus;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.StockView;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReservationExpirerTest {

    private final Inventory inventory = new Inventory().withStock("A", 10).withStock("B", 5);

    private int expireAsOf(Instant asOf) {
        return inventory.expirer.expireOverdue(ExpireReservationsCommand.asOf(asOf));
    }

    @Test
    void an_overdue_pending_reservation_expires_and_its_stock_returns_to_available() {
        ReservationView reservation = inventory.reserver.reserve(BUYER, aReservationRequest().line("A", 3).line("B", 2).build());

        int expired = expireAsOf(reservation.expiresAt());

        assertThat(expired).isEqualTo(1);
        assertThat(inventory.reader.getReservation(BUYER, reservation.id()).status()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 0, 10));
        assertThat(inventory.view("B")).isEqualTo(new StockView("B", 5, 0, 5));
    }

    @Test
    void a_reservation_not_yet_due_is_left_alone() {
        ReservationView reservation = inventory.reserver.reserve(BUYER, aReservationRequest().line("A", 3).build());

        int expired = expireAsOf(reservation.expiresAt().minusMillis(1));

        assertThat(expired).isZero();
        assertThat(inventory.reader.getReservation(BUYER, reservation.id()).status()).isEqualTo(ReservationStatus.PENDING);
        assertThat(inventory.stored("A").reserved()).isEqualTo(3);
    }

    @Test
    void closed_reservations_are_never_expired_and_expiring_twice_releases_once() {
        ReservationView cancelled = inventory.reserver.reserve(BUYER, aReservationRequest().line("A", 1).build());
        inventory.closer.cancel(BUYER, new CancelReservationCommand(cancelled.id()));
        ReservationView pending = inventory.reserver.reserve(BUYER, aReservationRequest().line("A", 2).build());
        Instant late = pending.expiresAt().plus(Duration.ofHours(1));

        assertThat(expireAsOf(late)).isEqualTo(1);
        assertThat(expireAsOf(late)).isZero();
        assertThat(inventory.reader.getReservation(BUYER, cancelled.id()).status()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 0, 10));
    }

    @Test
    void one_run_expires_at_most_its_batch_and_the_next_run_takes_the_rest() {
        for (int i = 0; i < 3; i++) {
            inventory.reserver.reserve(BUYER, aReservationRequest().forOrder("o-" + i).line("A", 1).build());
        }
        Instant late = Inventory.START.plus(Inventory.LIFETIME);

        assertThat(inventory.expirer.expireOverdue(new ExpireReservationsCommand(late, 2))).isEqualTo(2);
        assertThat(inventory.stored("A").reserved()).isEqualTo(1);
        assertThat(inventory.expirer.expireOverdue(new ExpireReservationsCommand(late, 2))).isEqualTo(1);
        assertThat(inventory.stored("A").reserved()).isZero();
    }
}
