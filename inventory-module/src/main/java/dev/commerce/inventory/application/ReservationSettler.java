package dev.commerce.inventory.application;

import dev.commerce.inventory.CancelReservationCommand;
import dev.commerce.inventory.CancelReservationUseCase;
import dev.commerce.inventory.ConfirmReservationCommand;
import dev.commerce.inventory.ConfirmReservationUseCase;
import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReservationStatus;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.application.port.LockPort;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.application.port.StockRepository;
import dev.commerce.inventory.domain.Reservation;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/** Confirms or cancels pending reservations, settling their stock exactly once. */
public final class ReservationSettler implements ConfirmReservationUseCase, CancelReservationUseCase {

    private final ReservationRepository reservations;
    private final ReservedStock reservedStock;
    private final LockPort lockPort;
    private final Clock clock;

    public ReservationSettler(ReservationRepository reservations, StockRepository stocks, LockPort lockPort, Clock clock) {
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.reservedStock = new ReservedStock(Objects.requireNonNull(stocks, "stocks"));
        this.lockPort = Objects.requireNonNull(lockPort, "lockPort");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ReservationView confirm(ConfirmReservationCommand command) {
        Reservation settled = underLock(command.reservationId(), reservation -> {
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
        if (settled.status() == ReservationStatus.EXPIRED) {
            throw new InventoryException(InventoryErrorCode.RESERVATION_NOT_PENDING,
                    "reservation " + settled.id() + " expired at " + settled.expiresAt());
        }
        return Views.of(settled);
    }

    @Override
    public ReservationView cancel(CancelReservationCommand command) {
        Reservation settled = underLock(command.reservationId(), reservation -> {
            reservation.cancel();
            reservedStock.release(reservation);
            reservations.save(reservation);
            return reservation;
        });
        return Views.of(settled);
    }

    /**
     * Runs {@code change} on the reservation re-read under the locks of its SKUs, so that racing
     * confirm, cancel and expiry see each other's result and only one of them settles the stock.
     */
    private Reservation underLock(String id, Function<Reservation, Reservation> change) {
        // Lines never change, so the SKUs read without the lock are the ones to lock.
        Reservation unlocked = reservations.findById(id).orElseThrow(() -> notFound(id));
        return lockPort.withStocksLocked(unlocked.skus(),
                () -> change.apply(reservations.findById(id).orElseThrow(() -> notFound(id))));
    }

    private static InventoryException notFound(String id) {
        return new InventoryException(InventoryErrorCode.RESERVATION_NOT_FOUND, "no reservation with id " + id);
    }
}
