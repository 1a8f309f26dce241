package dev.commerce.order;

import java.time.Instant;
import java.util.List;

/**
 * An order as clients see it (API.md, "Orders (checkout)"). Amounts are in the currency's minor unit.
 * {@code refund} (an extra field) is null unless a charge landed after the order could no longer be
 * paid: then it names that payment and whether it is refunded yet.
 */
public record OrderView(
        String id, long userId, OrderStatus status, List<OrderLineView> lines, long subtotal, long discount,
        long total, String currency, String couponId, String reservationId, String paymentId, Instant expiresAt,
        OrderRefund refund) {

    public OrderView {
        lines = List.copyOf(lines);
    }
}
