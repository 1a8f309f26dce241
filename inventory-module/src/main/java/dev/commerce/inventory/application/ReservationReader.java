package dev.commerce.inventory.application;

import dev.commerce.inventory.GetReservationQuery;
import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.shared.Caller;
import java.util.Objects;

/** Reads reservations; another user's reads as absent, so its id reveals nothing. */
public final class ReservationReader implements GetReservationQuery {

    private final ReservationRepository reservations;

    public ReservationReader(ReservationRepository reservations) {
        this.reservations = Objects.requireNonNull(reservations, "reservations");
    }

    @Override
    public ReservationView getReservation(Caller caller, String reservationId) {
        Objects.requireNonNull(caller, "caller");
        if (reservationId == null || reservationId.isBlank()) {
            throw new InventoryException(InventoryErrorCode.INVALID_REQUEST, "reservationId must not be blank");
        }
        return reservations.findById(reservationId)
                .filter(reservation -> reservation.isVisibleTo(caller))
                .map(InventoryViews::of)
                .orElseThrow(() -> ReservationCloser.notFound(reservationId));
    }
}
