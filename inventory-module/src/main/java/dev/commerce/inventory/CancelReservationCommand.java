package dev.commerce.inventory;

/** Cancels a pending reservation: its stock returns to available. */
public record CancelReservationCommand(String reservationId) {

    public CancelReservationCommand {
        InventoryInput.requireId(reservationId, "reservationId");
    }
}
