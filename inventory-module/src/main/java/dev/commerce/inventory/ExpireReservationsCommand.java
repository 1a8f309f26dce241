package dev.commerce.inventory;

import java.time.Instant;

/**
 * Expires pending reservations whose {@code expiresAt} is not after {@code asOf}.
 *
 * @param asOf     the moment to judge overdue against, usually now
 * @param maxCount at most this many reservations are examined in one run (1 to
 *                 {@link #MAX_BATCH}), so a run stays short; the next run takes the rest
 */
public record ExpireReservationsCommand(Instant asOf, int maxCount) {

    public static final int DEFAULT_BATCH = 500;
    public static final int MAX_BATCH = 10_000;

    public ExpireReservationsCommand {
        if (asOf == null) {
            throw InventoryException.invalidRequest("asOf must not be null");
        }
        InventoryInput.requireBetween(maxCount, 1, MAX_BATCH, "maxCount");
    }

    /** A run with the default batch size. */
    public static ExpireReservationsCommand asOf(Instant asOf) {
        return new ExpireReservationsCommand(asOf, DEFAULT_BATCH);
    }
}
