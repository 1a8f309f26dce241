package dev.commerce.inventory.application;

import dev.commerce.inventory.CancelReservationCommand;
import dev.commerce.inventory.CancelReservationUseCase;
import dev.commerce.inventory.ConfirmReservationCommand;
import dev.commerce.inventory.ConfirmReservationUseCase;
import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReservationStatus;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.application.port.StockConcurrency;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.application.port.StockRepository;
import dev.commerce.inventory.domain.Reservation;
import dev.commerce.shared.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/** Confirms or cancels pending reservations, releasing or committing their stock exactly once. */
public final class ReservationCloser implements ConfirmReservationUseCase, CancelReservationUseCase {

    private final ReservationRepository reservations;
    private final ReservedStock reservedStock;
    private final StockConcurrency concurrency;
    private final Clock clock;

    public ReservationCloser(ReservationRepository reservations, StockRepository stocks, StockConcurrency concurrency, Clock clock) {
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.reservedStock = new ReservedStock(Objects.requireNonNull(stocks, "stocks"));
        this.concurrency = Objects.requireNonNull(concurrency, "concurrency");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ReservationView confirm(ConfirmReservationCommand command) {
        // No owner check: over HTTP only administrators may confirm, which the security layer checks at the URL.
        Reservation closed = underLock(command.reservationId(), anyone -> true, reservation -> {
            Instant now = clock.instant();
            // Past its expiry the stock was promised back: expire it now rather than let the
            // outcome depend on whether the expiry job has run yet.
            if (reservation.isOverdue(now)) {
                reservation.expire(now);
                reservedStock.release(reservation);
            } else {
                reservation.confirm();
                reservedStock.commit(reservation);
            }
            reservations.save(reservation);
            return reservation;
        });
        // Thrown after the lock's transaction committed, so the expiry above persists.
        if (closed.status() == ReservationStatus.EXPIRED) {
            throw new InventoryException(InventoryErrorCode.RESERVATION_NOT_PENDING,
                    "reservation " + closed.id() + " expired at " + closed.expiresAt());
        }
        return InventoryViews.of(closed);
    }

    @Override
    public ReservationView cancel(Caller caller, CancelReservationCommand command) {
        Objects.requireNonNull(caller, "caller");
        Reservation closed = underLock(command.reservationId(), mine -> mine.isVisibleTo(caller), reservation -> {
            reservation.cancel();
            reservedStock.release(reservation);
            reservations.save(reservation);
            return reservation;
        });
        return InventoryViews.of(closed);
    }

    /**
     * Runs {@code change} on the reservation re-read under the locks of its SKUs, so that racing
     * confirm, cancel and expiry see each other's result and only one of them moves the stock.
     * A reservation not {@code visible} to the caller is reported missing before anything is locked.
     */
    private Reservation underLock(String id, Predicate<Reservation> visible, Function<Reservation, Reservation> change) {
        // Lines and owner never change, so what is read without the lock is what decides and gets locked.
        Reservation unlocked = reservations.findById(id).filter(visible).orElseThrow(() -> notFound(id));
        return concurrency.run(unlocked.skus(),
                () -> change.apply(reservations.findById(id).orElseThrow(() -> notFound(id))));
    }

    /** The same answer for a missing reservation and for another user's. */
    static InventoryException notFound(String id) {
        return new InventoryException(InventoryErrorCode.RESERVATION_NOT_FOUND, "no reservation with id " + id);
    }
}
