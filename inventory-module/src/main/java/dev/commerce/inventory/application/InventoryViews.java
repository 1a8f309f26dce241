package dev.commerce.inventory.application;

import dev.commerce.inventory.PriceView;
import dev.commerce.inventory.ReservationLineView;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.StockView;
import dev.commerce.inventory.domain.Price;
import dev.commerce.inventory.domain.Reservation;
import dev.commerce.inventory.domain.Stock;

/** Turns aggregates into the module API's views, which must not expose the domain. */
final class InventoryViews {

    private InventoryViews() {
    }

    static StockView of(Stock stock) {
        return new StockView(stock.sku(), stock.onHand(), stock.reserved(), stock.available());
    }

    static PriceView of(String sku, Price price) {
        return new PriceView(sku, price.amount(), price.currency());
    }

    static ReservationView of(Reservation reservation) {
        return new ReservationView(reservation.id(), reservation.orderId(), reservation.status(),
                reservation.lines().stream().map(line -> new ReservationLineView(line.sku(), line.quantity())).toList(),
                reservation.expiresAt());
    }
}
