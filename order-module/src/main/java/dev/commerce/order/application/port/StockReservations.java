package dev.commerce.order.application.port;

import java.time.Instant;
import java.util.List;

/** Holds stock for an order (the inventory module's reservations). */
public interface StockReservations {

    /**
     * Reserves every line for {@code orderId} for the user, or nothing.
     *
     * @throws dev.commerce.order.OrderException {@code INSUFFICIENT_STOCK}, {@code PRODUCT_NOT_FOUND}, {@code LOCK_TIMEOUT}
     */
    Reserved reserve(long userId, String orderId, List<Line> lines);

    /** Confirms the reservation (its stock leaves); done if it is already confirmed. */
    void confirm(long userId, String reservationId);

    /** Gives the reservation's stock back; done if it is no longer pending. */
    void release(long userId, String reservationId);

    record Line(String sku, int quantity) {
    }

    record Reserved(String reservationId, Instant expiresAt) {
    }
}
