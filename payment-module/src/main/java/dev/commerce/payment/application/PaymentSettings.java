package dev.commerce.payment.application;

import java.time.Duration;
import java.util.Objects;

/**
 * @param lease how long a request holds its key before another may take it over; must exceed the
 *              longest gateway call (connect plus read timeout), so that only a crashed or hung
 *              request ever loses its key
 */
public record PaymentSettings(Duration lease) {

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    public PaymentSettings {
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive");
        }
    }
}
