package dev.commerce.inventory.domain;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import java.util.Objects;

/**
 * The stock of one SKU: units on hand and the part of them held by pending reservations.
 * Invariant: {@code 0 <= reserved <= onHand}, so {@code available} is never negative.
 * Not thread-safe: callers mutate it only while holding the SKU's row lock.
 */
public final class Stock {

    private final String sku;
    private long onHand;
    private long reserved;

    private Stock(String sku, long onHand, long reserved) {
        this.sku = Objects.requireNonNull(sku, "sku");
        if (onHand < 0 || reserved < 0 || reserved > onHand) {
            throw new IllegalArgumentException(
                    "stock of " + sku + " needs 0 <= reserved <= onHand, got onHand=" + onHand + ", reserved=" + reserved);
        }
        this.onHand = onHand;
        this.reserved = reserved;
    }

    /** A new SKU with nothing on hand. */
    public static Stock empty(String sku) {
        return new Stock(sku, 0, 0);
    }

    /** Rebuilds a stock from stored state; rejects state that breaks the invariant. */
    public static Stock reconstitute(String sku, long onHand, long reserved) {
        return new Stock(sku, onHand, reserved);
    }

    /** Sets the units on hand; it may not drop below what pending reservations hold. */
    public void setOnHand(long newOnHand) {
        if (newOnHand < 0) {
            throw new IllegalArgumentException("onHand must not be negative: " + newOnHand);
        }
        if (newOnHand < reserved) {
            throw new InventoryException(InventoryErrorCode.STOCK_BELOW_RESERVED,
                    "onHand " + newOnHand + " of " + sku + " is below the " + reserved + " reserved");
        }
        onHand = newOnHand;
    }

    /** Holds {@code quantity} units for a reservation. */
    public void reserve(long quantity) {
        requirePositive(quantity);
        if (quantity > available()) {
            throw new InventoryException(InventoryErrorCode.INSUFFICIENT_STOCK,
                    "only " + available() + " of " + sku + " available, " + quantity + " requested");
        }
        reserved += quantity;
    }

    /** Returns held units to available (cancel or expiry). */
    public void release(long quantity) {
        requireHeld(quantity);
        reserved -= quantity;
    }

    /** Hands held units over to the buyer (confirm): they leave both reserved and on hand. */
    public void commit(long quantity) {
        requireHeld(quantity);
        reserved -= quantity;
        onHand -= quantity;
    }

    public String sku() {
        return sku;
    }

    public long onHand() {
        return onHand;
    }

    public long reserved() {
        return reserved;
    }

    public long available() {
        return onHand - reserved;
    }

    private void requireHeld(long quantity) {
        requirePositive(quantity);
        // More than is reserved means a reservation is closed twice: a bug, never a client error.
        if (quantity > reserved) {
            throw new IllegalStateException(
                    "cannot release or commit " + quantity + " of " + sku + ": only " + reserved + " reserved");
        }
    }

    private static void requirePositive(long quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
    }

    @Override
    public String toString() {
        return "Stock[sku=" + sku + ", onHand=" + onHand + ", reserved=" + reserved + "]";
    }
}
