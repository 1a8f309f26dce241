package dev.commerce.inventory.application.port;

import dev.commerce.inventory.domain.Reservation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores reservations. Writes happen under the stock locks of the reservation's SKUs. */
public interface ReservationRepository {

    /**
     * Inserts or updates the reservation.
     *
     * @throws RequestKeyTaken if it is new and its owner has another reservation with its request key;
     *                         nothing is saved then, and the surrounding transaction must roll back
     */
    void save(Reservation reservation);

    /**
     * Saves each reservation, as {@link #save} would; an adapter may insert new ones together (one
     * round trip while the stock rows are locked).
     *
     * @throws RequestKeyTaken if one of them takes a request key its owner has on another reservation
     *                         (stored, or earlier in the list); the surrounding transaction must then
     *                         roll back, and none of them counts as saved
     */
    default void saveAll(List<Reservation> placed) {
        placed.forEach(this::save);
    }

    Optional<Reservation> findById(String id);

    /**
     * The reservation of {@code ownerId} placed with {@code requestKey}, if any (read without locks; a
     * key, once stored, never leaves its reservation).
     */
    Optional<Reservation> findByRequestKey(long ownerId, String requestKey);

    /**
     * Ids of {@code PENDING} reservations with {@code expiresAt <= now}, oldest expiry first, at most
     * {@code limit}. Read without locks: callers re-check each one under its locks before acting.
     */
    List<String> findOverduePendingIds(Instant now, int limit);

    /**
     * A new reservation took a request key that its owner's reservation placed by a concurrent
     * request holds already (a unique key per owner): that request won, and the loser's transaction
     * rolls back, taking no stock. Not a database exception, so that no transaction adapter takes it
     * for a lock failure or retries it.
     */
    final class RequestKeyTaken extends RuntimeException {

        public RequestKeyTaken(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
