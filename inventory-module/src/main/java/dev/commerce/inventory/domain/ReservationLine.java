package dev.commerce.inventory.domain;

import java.util.Objects;

/** One SKU held by a reservation and how many units. */
public record ReservationLine(String sku, int quantity) {

    public ReservationLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
    }
}
