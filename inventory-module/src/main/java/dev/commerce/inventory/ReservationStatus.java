package dev.commerce.inventory;

/** Where a reservation is in its life: only {@code PENDING} holds stock and may change. */
public enum ReservationStatus {
    PENDING,
    CONFIRMED,
    CANCELLED,
    EXPIRED
}
