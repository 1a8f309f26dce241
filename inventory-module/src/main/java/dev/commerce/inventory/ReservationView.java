package dev.commerce.inventory;

import java.time.Instant;
import java.util.List;

/** A reservation as clients see it. */
public record ReservationView(
        String id, String orderId, ReservationStatus status, List<ReservationLineView> lines, Instant expiresAt) {

    public ReservationView {
        lines = List.copyOf(lines);
    }
}
