package dev.commerce.inventory.application.port;

import dev.commerce.inventory.domain.Reservation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores reservations. Writes happen under the stock locks of the reservation's SKUs. */
public interface ReservationRepository {

    /** Inserts or updates the reservation. */
    void save(Reservation reservation);

    /**
     * Saves each reservation, as {@link #save} would; an adapter may insert new ones together (one
     * round trip while the stock rows are locked).
     */
    default void saveAll(List<Reservation> placed) {
        placed.forEach(this::save);
    }

    Optional<Reservation> findById(String id);

    /**
     * Ids of {@code PENDING} reservations with {@code expiresAt <= now}, oldest expiry first, at most
     * {@code limit}. Read without locks: callers re-check each one under its locks before acting.
     */
    List<String> findOverduePendingIds(Instant now, int limit);
}
