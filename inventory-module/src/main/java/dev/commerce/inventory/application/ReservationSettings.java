package dev.commerce.inventory.application;

import java.time.Duration;
import java.util.Objects;

/**
 * How reservations behave.
 *
 * @param lifetime how long a reservation stays {@code PENDING} before it expires; positive
 */
public record ReservationSettings(Duration lifetime) {

    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

    public ReservationSettings {
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("reservation lifetime must be positive: " + lifetime);
        }
    }

    public static ReservationSettings defaults() {
        return new ReservationSettings(DEFAULT_LIFETIME);
    }
}
