package dev.commerce.inventory.adapter.out.memory;

import dev.commerce.inventory.ReservationStatus;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.domain.Reservation;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Reservations in a map. Stores and hands out copies, so nothing changes without {@link #save}. */
public final class InMemoryReservationRepository implements ReservationRepository {

    private final Map<String, Reservation> rows = new ConcurrentHashMap<>();
    private final InMemoryTransactions transactions;

    public InMemoryReservationRepository(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void save(Reservation reservation) {
        Reservation previous = rows.put(reservation.id(), copy(reservation));
        transactions.onRollback(() -> {
            if (previous == null) {
                rows.remove(reservation.id());
            } else {
                rows.put(reservation.id(), previous);
            }
        });
    }

    @Override
    public Optional<Reservation> findById(String id) {
        return Optional.ofNullable(rows.get(id)).map(InMemoryReservationRepository::copy);
    }

    @Override
    public List<String> findOverduePendingIds(Instant now, int limit) {
        return rows.values().stream()
                .filter(reservation -> reservation.status() == ReservationStatus.PENDING)
                .filter(reservation -> !reservation.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(Reservation::expiresAt))
                .limit(limit)
                .map(Reservation::id)
                .toList();
    }

    /** Every stored reservation, for assertions. */
    public List<Reservation> findAll() {
        return rows.values().stream().map(InMemoryReservationRepository::copy).toList();
    }

    private static Reservation copy(Reservation reservation) {
        return Reservation.reconstitute(reservation.id(), reservation.ownerId(), reservation.orderId(), reservation.lines(),
                reservation.status(), reservation.createdAt(), reservation.expiresAt());
    }
}
