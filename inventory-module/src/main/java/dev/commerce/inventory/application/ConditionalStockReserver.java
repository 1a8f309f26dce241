package dev.commerce.inventory.application;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.ReserveStockCommand;
import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.application.port.StockRepository;
import dev.commerce.inventory.application.port.AvailableStock;
import dev.commerce.inventory.application.port.InventoryTransactions;
import dev.commerce.inventory.domain.Reservation;
import dev.commerce.inventory.domain.ReservationLine;
import dev.commerce.shared.Caller;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reserves stock with one conditional update per line instead of lock-read-modify-write: the
 * database checks availability and reserves in the same statement. Lines go in SKU order, so two
 * orders over the same SKUs wait for each other instead of deadlocking; the first line that does
 * not fit rolls the whole transaction back (all lines or none). A request key is honoured as by the
 * locking reserver ({@link RequestKeys}): stored with the reservation in the same transaction, so a
 * key taken by a concurrent request rolls back the conditional updates too.
 */
public final class ConditionalStockReserver implements ReserveStockUseCase {

    private final StockRepository stocks;
    private final AvailableStock available;
    private final ReservationRepository reservations;
    private final InventoryTransactions transactions;
    private final Clock clock;
    private final ReservationSettings settings;
    private final RequestKeys keys;

    public ConditionalStockReserver(StockRepository stocks, AvailableStock available,
            ReservationRepository reservations, InventoryTransactions transactions, Clock clock, ReservationSettings settings) {
        this.stocks = Objects.requireNonNull(stocks, "stocks");
        this.available = Objects.requireNonNull(available, "available");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keys = new RequestKeys(reservations);
    }

    @Override
    public ReservationView reserve(Caller caller, ReserveStockCommand command) {
        long ownerId = caller.userId();
        Reservation placed = keys.reserve(ownerId, command, () -> transactions.inTransaction(() -> {
            List<ReserveStockCommand.Line> inLockOrder = command.lines().stream()
                    .sorted(Comparator.comparing(ReserveStockCommand.Line::sku))
                    .toList();
            for (ReserveStockCommand.Line line : inLockOrder) {
                if (!available.reserveIfAvailable(line.sku(), line.quantity())) {
                    throw whyNotReserved(command, line);
                }
            }
            List<ReservationLine> lines = command.lines().stream()
                    .map(line -> new ReservationLine(line.sku(), line.quantity()))
                    .toList();
            Reservation reservation = Reservation.place(ownerId, command.orderId(), command.requestKey(), lines,
                    clock.instant(), settings.lifetime());
            reservations.save(reservation);
            return reservation;
        }));
        return InventoryViews.of(placed);
    }

    /** Like the locking reserver: a missing SKU anywhere in the order is reported before a shortage. */
    private InventoryException whyNotReserved(ReserveStockCommand command, ReserveStockCommand.Line failed) {
        Map<String, ?> existing = stocks.findAll(command.skus());
        for (String sku : command.skus()) {
            if (!existing.containsKey(sku)) {
                return new InventoryException(InventoryErrorCode.PRODUCT_NOT_FOUND, "no product with SKU " + sku);
            }
        }
        return new InventoryException(InventoryErrorCode.INSUFFICIENT_STOCK,
                "not enough stock of " + failed.sku() + " for " + failed.quantity());
    }
}
