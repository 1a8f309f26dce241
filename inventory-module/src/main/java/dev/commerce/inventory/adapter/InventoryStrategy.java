package dev.commerce.inventory.adapter;

/** How concurrent reservations of one SKU are kept exact ({@code commerce.inventory.strategy}). */
public enum InventoryStrategy {
    /** {@code SELECT ... FOR UPDATE} on the stock rows, then read-modify-write (the default). */
    PESSIMISTIC,
    /** No locks: a version column, compare-and-set saves, and bounded retries of lost races. */
    OPTIMISTIC,
    /** Reservations as one conditional {@code UPDATE ... WHERE on_hand - reserved >= ?} per line. */
    CONDITIONAL
}
