package dev.commerce.inventory.application;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.ReserveStockCommand;
import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.inventory.application.port.LockPort;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.application.port.StockRepository;
import dev.commerce.inventory.domain.Reservation;
import dev.commerce.inventory.domain.ReservationLine;
import dev.commerce.inventory.domain.Stock;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reserves stock for an order, all lines or none. */
public final class StockReserver implements ReserveStockUseCase {

    private final StockRepository stocks;
    private final ReservationRepository reservations;
    private final LockPort lockPort;
    private final Clock clock;
    private final ReservationSettings settings;

    public StockReserver(StockRepository stocks, ReservationRepository reservations, LockPort lockPort,
                         Clock clock, ReservationSettings settings) {
        this.stocks = Objects.requireNonNull(stocks, "stocks");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.lockPort = Objects.requireNonNull(lockPort, "lockPort");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public ReservationView reserve(ReserveStockCommand command) {
        Reservation placed = lockPort.withLockedStocks(command.skus(), found -> {
            // Report every missing SKU before any shortage, whatever the line order.
            for (String sku : command.skus()) {
                if (!found.containsKey(sku)) {
                    throw new InventoryException(InventoryErrorCode.PRODUCT_NOT_FOUND, "no product with SKU " + sku);
                }
            }
            // reserve() throws on the first short line before anything is saved: all lines or none.
            for (ReserveStockCommand.Line line : command.lines()) {
                found.get(line.sku()).reserve(line.quantity());
            }
            found.values().forEach(stocks::save);
            List<ReservationLine> lines = command.lines().stream()
                    .map(line -> new ReservationLine(line.sku(), line.quantity()))
                    .toList();
            Reservation reservation = Reservation.place(command.orderId(), lines, clock.instant(), settings.lifetime());
            reservations.save(reservation);
            return reservation;
        });
        return Views.of(placed);
    }
}
