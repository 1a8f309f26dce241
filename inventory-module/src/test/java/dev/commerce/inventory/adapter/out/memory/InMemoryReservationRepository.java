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

/**
 * Reservations in a map. Stores and hands out copies, so nothing changes without {@link #save}.
 * A request key is unique per owner, like the database's unique index: a new reservation whose
 * owner has the key on another one is refused with {@link ReservationRepository.RequestKeyTaken}
 * (unlike the database, a key is visible to others before its transaction ends).
 */
public final class InMemoryReservationRepository implements ReservationRepository {

    private final Map<String, Reservation> rows = new ConcurrentHashMap<>();
    /** (owner, request key) → reservation id. */
    private final Map<String, String> requestKeys = new ConcurrentHashMap<>();
    /** The keys of committed reservations: what a look-up by key sees (the unique check sees all). */
    private final Map<String, String> committedKeys = new ConcurrentHashMap<>();
    private final InMemoryInventoryTransactions transactions;

    public InMemoryReservationRepository(InMemoryInventoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void save(Reservation reservation) {
        if (reservation.requestKey() != null && !rows.containsKey(reservation.id())) {
            String ownersKey = ownersKey(reservation.ownerId(), reservation.requestKey());
            String holder = requestKeys.putIfAbsent(ownersKey, reservation.id());
            if (holder != null && !holder.equals(reservation.id())) {
                throw new RequestKeyTaken("owner " + reservation.ownerId() + " holds request key "
                        + reservation.requestKey() + " on reservation " + holder, null);
            }
            transactions.onRollback(() -> requestKeys.remove(ownersKey, reservation.id()));
            transactions.onCommit(() -> committedKeys.put(ownersKey, reservation.id()));
        }
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
    public Optional<Reservation> findByRequestKey(long ownerId, String requestKey) {
        return Optional.ofNullable(committedKeys.get(ownersKey(ownerId, requestKey))).flatMap(this::findById);
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

    private static String ownersKey(long ownerId, String requestKey) {
        return ownerId + "\u0000" + requestKey;
    }

    private static Reservation copy(Reservation reservation) {
        return Reservation.reconstitute(reservation.id(), reservation.ownerId(), reservation.orderId(),
                reservation.requestKey(), reservation.lines(), reservation.status(), reservation.createdAt(),
                reservation.expiresAt());
    }
}
