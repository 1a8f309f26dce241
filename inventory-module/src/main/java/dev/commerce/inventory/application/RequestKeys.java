package dev.commerce.inventory.application;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReserveStockCommand;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.domain.Reservation;
import dev.commerce.inventory.domain.ReservationLine;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The request key of a reservation request ({@link ReserveStockCommand#requestKey()}), for every
 * strategy: a request whose key already names one of its owner's reservations is answered with
 * that reservation, as it is now, and takes no stock; otherwise the reservation is placed with the
 * key, which is stored with it in the transaction that takes its stock (ADR 12, "The crash window").
 *
 * <p>The look-up runs before the placement, outside the stock locks. Two requests with one key that
 * both pass it race; the unique key per owner decides: the loser's insert is refused
 * ({@link ReservationRepository.RequestKeyTaken}), its transaction rolls back, and it answers the
 * winner's reservation. A loser may instead be refused for stock the winner took (or a lock it held
 * too long) before it reaches its insert: every refusal of a keyed request looks the key up again,
 * and answers the reservation it finds rather than the refusal.
 */
final class RequestKeys {

    /** With a database a refused key always has its winner; in memory a winner may still roll back. */
    private static final int ROUNDS = 3;

    private final ReservationRepository reservations;

    RequestKeys(ReservationRepository reservations) {
        this.reservations = Objects.requireNonNull(reservations, "reservations");
    }

    /** The reservation {@code command} names for {@code ownerId}: the one its key names, or a new one by {@code place}. */
    Reservation reserve(long ownerId, ReserveStockCommand command, Supplier<Reservation> place) {
        String key = command.requestKey();
        if (key == null) {
            return place.get();
        }
        for (int round = 1; ; round++) {
            Optional<Reservation> earlier = reservations.findByRequestKey(ownerId, key);
            if (earlier.isPresent()) {
                return answering(earlier.get(), command);
            }
            try {
                return place.get();
            } catch (ReservationRepository.RequestKeyTaken | InventoryException refused) {
                Optional<Reservation> winner = reservations.findByRequestKey(ownerId, key);
                if (winner.isPresent()) {
                    return answering(winner.get(), command);
                }
                if (refused instanceof InventoryException || round == ROUNDS) {
                    throw refused;
                }
                // the key was taken by a transaction that then rolled back: look again, place again
            }
        }
    }

    /**
     * The reservation a key names answers a repetition of the request that placed it; a key sent
     * again with another order id or other lines (reused by the client, for example once the HTTP
     * layer forgot it) is refused rather than answered with a reservation of something else.
     */
    private static Reservation answering(Reservation found, ReserveStockCommand command) {
        List<ReservationLine> lines = command.lines().stream()
                .map(line -> new ReservationLine(line.sku(), line.quantity()))
                .toList();
        if (!found.answers(command.orderId(), lines)) {
            throw new InventoryException(InventoryErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This key was used for another reservation request (another order id or other lines).");
        }
        return found;
    }
}
