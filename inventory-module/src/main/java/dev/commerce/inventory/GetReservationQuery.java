package dev.commerce.inventory;

/** Reads one reservation. */
public interface GetReservationQuery {

    /** @throws InventoryException {@code RESERVATION_NOT_FOUND} if there is no such reservation */
    ReservationView getReservation(String reservationId);
}
