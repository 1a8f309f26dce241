package dev.commerce.inventory.application;

import dev.commerce.inventory.GetReservationQuery;
import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.application.port.ReservationRepository;
import java.util.Objects;

/** Reads reservations. */
public final class ReservationReader implements GetReservationQuery {

    private final ReservationRepository reservations;

    public ReservationReader(ReservationRepository reservations) {
        this.reservations = Objects.requireNonNull(reservations, "reservations");
    }

    @Override
    public ReservationView getReservation(String reservationId) {
        if (reservationId == null || reservationId.isBlank()) {
            throw new InventoryException(InventoryErrorCode.INVALID_REQUEST, "reservationId must not be blank");
        }
        return reservations.findById(reservationId).map(Views::of).orElseThrow(() -> new InventoryException(
                InventoryErrorCode.RESERVATION_NOT_FOUND, "no reservation with id " + reservationId));
    }
}
