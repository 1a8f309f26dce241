package dev.commerce.inventory.application;

import dev.commerce.inventory.ExpireReservationsCommand;
import dev.commerce.inventory.ExpireReservationsUseCase;
import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.application.port.StockConcurrency;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.application.port.StockRepository;
import dev.commerce.inventory.domain.Reservation;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Expires overdue pending reservations and returns their stock, one reservation per lock. */
public final class ReservationExpirer implements ExpireReservationsUseCase {

    private static final System.Logger LOG = System.getLogger(ReservationExpirer.class.getName());

    private final ReservationRepository reservations;
    private final ReservedStock reservedStock;
    private final StockConcurrency concurrency;

    public ReservationExpirer(ReservationRepository reservations, StockRepository stocks, StockConcurrency concurrency) {
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.reservedStock = new ReservedStock(Objects.requireNonNull(stocks, "stocks"));
        this.concurrency = Objects.requireNonNull(concurrency, "concurrency");
    }

    @Override
    public int expireOverdue(ExpireReservationsCommand command) {
        int expired = 0;
        // Candidates are found without locks; each is re-checked under its own locks below.
        for (String id : reservations.findOverduePendingIds(command.asOf(), command.maxCount())) {
            try {
                if (expireOne(id, command.asOf())) {
                    expired++;
                }
            } catch (RuntimeException e) {
                if (e instanceof InventoryException ie && ie.code() == InventoryErrorCode.LOCK_TIMEOUT) {
                    // Busy rows: leave this one for the next run rather than stall the batch.
                    LOG.log(Level.DEBUG, "skipping reservation {0}: {1}", id, e.getMessage());
                } else {
                    // One broken reservation must not stop the others from ever expiring.
                    LOG.log(Level.ERROR, "could not expire reservation " + id, e);
                }
            }
        }
        return expired;
    }

    private boolean expireOne(String id, Instant asOf) {
        Optional<Reservation> candidate = reservations.findById(id);
        if (candidate.isEmpty()) {
            return false;
        }
        return concurrency.run(candidate.get().skus(), () -> {
            // Confirm or cancel may have won the race since the candidates were listed.
            Reservation current = reservations.findById(id).orElse(null);
            if (current == null || !current.isOverdue(asOf)) {
                return false;
            }
            current.expire(asOf);
            reservedStock.release(current);
            reservations.save(current);
            return true;
        });
    }
}
