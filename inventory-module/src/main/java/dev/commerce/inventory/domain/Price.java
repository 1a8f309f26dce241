package dev.commerce.inventory.domain;

import java.util.Objects;

/**
 * What one unit of a SKU costs: an amount in the minor unit of a currency (ISO 4217 shape).
 * Invariant: {@code amount >= 0}, and the currency is three upper-case letters.
 */
public record Price(long amount, String currency) {

    public Price {
        Objects.requireNonNull(currency, "currency");
        // The command rejected these already; reaching here with one is a bug, never a client error.
        if (amount < 0) {
            throw new IllegalArgumentException("a price must not be negative: " + amount);
        }
        if (currency.length() != 3 || !currency.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new IllegalArgumentException("a currency is three upper-case letters: " + currency);
        }
    }
}
