package dev.commerce.inventory;

import dev.commerce.shared.Caller;

/** Cancels a pending reservation: its reserved stock returns to available. */
public interface CancelReservationUseCase {

    /**
     * @throws InventoryException {@code RESERVATION_NOT_FOUND} if there is no such reservation, or it
     *                            is another user's and {@code caller} is no administrator (then
     *                            nothing changes); {@code RESERVATION_NOT_PENDING} if it was already
     *                            confirmed, cancelled or expired; {@code LOCK_TIMEOUT}
     */
    ReservationView cancel(Caller caller, CancelReservationCommand command);
}
