package dev.commerce.inventory;

/** Cancels a pending reservation: its reserved stock returns to available. */
public interface CancelReservationUseCase {

    /**
     * @throws InventoryException {@code RESERVATION_NOT_FOUND}; {@code RESERVATION_NOT_PENDING} if it
     *                            was already confirmed, cancelled or expired; {@code LOCK_TIMEOUT}
     */
    ReservationView cancel(CancelReservationCommand command);
}
