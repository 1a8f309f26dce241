package dev.commerce.inventory;

/** Confirms a pending reservation: its stock leaves the warehouse. */
public record ConfirmReservationCommand(String reservationId) {

    public ConfirmReservationCommand {
        InventoryInput.requireId(reservationId, "reservationId");
    }
}
