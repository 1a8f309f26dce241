package dev.commerce.inventory;

/** Confirms a pending reservation: on-hand and reserved stock both drop by its quantities. */
public interface ConfirmReservationUseCase {

    /**
     * A reservation already past its {@code expiresAt} is expired instead (its stock released)
     * and reported as not pending, so the outcome never depends on when the expiry job runs.
     *
     * @throws InventoryException {@code RESERVATION_NOT_FOUND}; {@code RESERVATION_NOT_PENDING} if it
     *                            was already confirmed, cancelled or expired; {@code LOCK_TIMEOUT}
     */
    ReservationView confirm(ConfirmReservationCommand command);
}
