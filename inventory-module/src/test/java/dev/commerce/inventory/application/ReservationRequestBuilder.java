package dev.commerce.inventory.application;

import dev.commerce.inventory.ReserveStockCommand;
import java.util.ArrayList;
import java.util.List;

/** Builds reservation requests with defaults: {@code aReservationRequest().line("A", 2).build()}. */
final class ReservationRequestBuilder {

    private String orderId = "order-1";
    private final List<ReserveStockCommand.Line> lines = new ArrayList<>();

    static ReservationRequestBuilder aReservationRequest() {
        return new ReservationRequestBuilder();
    }

    ReservationRequestBuilder forOrder(String orderId) {
        this.orderId = orderId;
        return this;
    }

    ReservationRequestBuilder line(String sku, int quantity) {
        lines.add(new ReserveStockCommand.Line(sku, quantity));
        return this;
    }

    ReserveStockCommand build() {
        return new ReserveStockCommand(orderId, lines.isEmpty() ? List.of(new ReserveStockCommand.Line("A", 1)) : lines);
    }
}
