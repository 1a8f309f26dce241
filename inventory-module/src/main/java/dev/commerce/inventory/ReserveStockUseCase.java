package dev.commerce.inventory;

import dev.commerce.shared.Caller;

/** Reserves stock for an order, all lines or none, as a {@code PENDING} reservation that expires. */
public interface ReserveStockUseCase {

    /**
     * The reservation belongs to {@code caller}: only they and administrators see or cancel it.
     *
     * @throws InventoryException {@code PRODUCT_NOT_FOUND} if a SKU does not exist;
     *                            {@code INSUFFICIENT_STOCK} if a line asks for more than is available
     *                            (nothing is reserved then); {@code LOCK_TIMEOUT}
     */
    ReservationView reserve(Caller caller, ReserveStockCommand command);
}
