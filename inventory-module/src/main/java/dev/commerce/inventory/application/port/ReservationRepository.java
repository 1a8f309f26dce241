package dev.commerce.inventory.application.port;

import dev.commerce.inventory.domain.Reservation;
import dev.commerce.inventory.domain.Stock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Stores reservations. Writes happen under the stock locks of the reservation's SKUs. */
public interface ReservationRepository {

    /** Inserts or updates the reservation. */
    void save(Reservation reservation);

    /**
     * Stores a NEW reservation together with the stocks it reserved, which the caller changed under
     * their locks: the same as saving each stock with {@code stocks} and then {@link #save} the
     * reservation, which is what this default does. An adapter may write all of it in one step (one
     * round trip to the database while the stock rows are locked).
     */
    default void place(Reservation reservation, Collection<Stock> reservedStocks, StockRepository stocks) {
        reservedStocks.forEach(stocks::save);
        save(reservation);
    }

    Optional<Reservation> findById(String id);

    /**
     * Ids of {@code PENDING} reservations with {@code expiresAt <= now}, oldest expiry first, at most
     * {@code limit}. Read without locks: callers re-check each one under its locks before acting.
     */
    List<String> findOverduePendingIds(Instant now, int limit);
}
