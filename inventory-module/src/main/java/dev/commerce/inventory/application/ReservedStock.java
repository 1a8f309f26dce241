package dev.commerce.inventory.application;

import dev.commerce.inventory.application.port.StockRepository;
import dev.commerce.inventory.domain.Reservation;
import dev.commerce.inventory.domain.ReservationLine;
import dev.commerce.inventory.domain.Stock;
import java.util.Map;
import java.util.function.BiConsumer;

/** Releases or commits the stock a reservation holds. Callers hold the locks of the reservation's SKUs. */
final class ReservedStock {

    private final StockRepository stocks;

    ReservedStock(StockRepository stocks) {
        this.stocks = stocks;
    }

    /** Cancel or expiry: the held units return to available. */
    void release(Reservation reservation) {
        move(reservation, Stock::release);
    }

    /** Confirm: the held units leave both reserved and on hand. */
    void commit(Reservation reservation) {
        move(reservation, Stock::commit);
    }

    private void move(Reservation reservation, BiConsumer<Stock, Long> movement) {
        Map<String, Stock> found = stocks.findAll(reservation.skus());
        for (ReservationLine line : reservation.lines()) {
            Stock stock = found.get(line.sku());
            // Stock rows are never deleted, so a reserved SKU without a row is corrupt data.
            if (stock == null) {
                throw new IllegalStateException("reservation " + reservation.id() + " holds unknown SKU " + line.sku());
            }
            movement.accept(stock, (long) line.quantity());
        }
        found.values().forEach(stocks::save);
    }
}
