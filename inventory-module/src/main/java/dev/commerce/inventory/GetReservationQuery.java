package dev.commerce.inventory;

import dev.commerce.shared.Caller;

/** Reads one reservation. */
public interface GetReservationQuery {

    /**
     * @throws InventoryException {@code RESERVATION_NOT_FOUND} if there is no such reservation, or it
     *                            is another user's and {@code caller} is no administrator (the same
     *                            answer, so ids of others' reservations cannot be probed)
     */
    ReservationView getReservation(Caller caller, String reservationId);
}
