package dev.commerce.order;

import java.time.Instant;
import java.util.List;

/** An order as clients see it (API.md, "Orders (checkout)"). Amounts are in the currency's minor unit. */
public record OrderView(
        String id, long userId, OrderStatus status, List<OrderLineView> lines, long subtotal, long discount,
        long total, String currency, String couponId, String reservationId, String paymentId, Instant expiresAt) {

    public OrderView {
        lines = List.copyOf(lines);
    }
}
