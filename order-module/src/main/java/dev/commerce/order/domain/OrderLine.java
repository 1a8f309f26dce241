package dev.commerce.order.domain;

import dev.commerce.order.OrderException;
import java.util.Objects;

/** One line of an order: a SKU, how many, and the unit price it was ordered at. */
public record OrderLine(String sku, int quantity, long unitPrice) {

    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        if (unitPrice < 0) {
            throw new IllegalArgumentException("unitPrice must not be negative");
        }
    }

    /** quantity × unit price; an absurd amount is a request the service cannot take (400). */
    public long amount() {
        try {
            return Math.multiplyExact(unitPrice, (long) quantity);
        } catch (ArithmeticException e) {
            throw OrderException.invalidRequest("the amount of line " + sku + " is too large");
        }
    }
}
