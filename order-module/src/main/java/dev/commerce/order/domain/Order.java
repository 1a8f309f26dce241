package dev.commerce.order.domain;

import dev.commerce.order.OrderErrorCode;
import dev.commerce.order.OrderException;
import dev.commerce.order.OrderLineView;
import dev.commerce.order.OrderRefund;
import dev.commerce.order.OrderStatus;
import dev.commerce.order.OrderView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An order: its lines and totals are fixed when it is placed; its status moves once, from
 * {@code AWAITING_PAYMENT} to {@code PAID}, {@code CANCELLED} or {@code EXPIRED}. The repository
 * makes each move with a conditional update, so the guards here and there say the same. An order
 * that is {@code EXPIRED} or {@code CANCELLED} may still carry a {@link OrderRefund}: a charge that
 * landed too late, refunded through the gateway.
 */
public record Order(
        String id, long userId, OrderStatus status, List<OrderLine> lines, long subtotal, long discount, long total,
        String currency, String couponId, String reservationId, String paymentId, Instant expiresAt,
        Instant createdAt, OrderRefund refund) {

    /** The largest total an order may have: what the payment module accepts. */
    public static final long MAX_TOTAL = 1_000_000_000_000L;

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        lines = List.copyOf(lines);
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order has lines");
        }
        if (subtotal < 0 || discount < 0 || total < 0 || discount > subtotal || total != subtotal - discount) {
            throw new IllegalArgumentException("inconsistent totals: " + subtotal + " - " + discount + " != " + total);
        }
    }

    /**
     * A new order awaiting payment. The discount applied is the coupon's, but never more than the
     * subtotal: the total is at least 0.
     *
     * @throws OrderException {@code INVALID_REQUEST} when the subtotal is beyond what can be charged
     */
    public static Order place(String id, long userId, List<OrderLine> lines, String currency, String couponId,
            long couponDiscount, String reservationId, Instant expiresAt, Instant now) {
        if (couponDiscount < 0) {
            throw new IllegalArgumentException("a discount is not negative");
        }
        long subtotal = 0;
        for (OrderLine line : lines) {
            try {
                subtotal = Math.addExact(subtotal, line.amount());
            } catch (ArithmeticException e) {
                throw OrderException.invalidRequest("the order's amount is too large");
            }
        }
        if (subtotal > MAX_TOTAL) {
            throw OrderException.invalidRequest("the order's amount is at most " + MAX_TOTAL);
        }
        long discount = Math.min(couponDiscount, subtotal);
        return new Order(id, userId, OrderStatus.AWAITING_PAYMENT, lines, subtotal, discount, subtotal - discount,
                currency, couponId, reservationId, null, expiresAt, now, null);
    }

    /**
     * An order may be charged while it awaits payment and its expiry is more than {@code budget}
     * away: a payment started later could outlive the reservation it is meant to confirm.
     */
    public void requirePayable(Instant now, Duration budget) {
        if (status != OrderStatus.AWAITING_PAYMENT) {
            throw new OrderException(OrderErrorCode.ORDER_NOT_PAYABLE, "The order is " + status + "; nothing was charged."
                    + (refund == null ? "" : " An earlier charge that landed too late, payment " + refund.paymentId()
                            + ", is " + (refund.status() == OrderRefund.Status.REFUNDED ? "refunded." : "being refunded.")));
        }
        if (!now.isBefore(payableUntil(budget))) {
            throw new OrderException(OrderErrorCode.ORDER_NOT_PAYABLE,
                    "The order expires at " + expiresAt + ", too soon to be charged; nothing was charged.");
        }
    }

    /**
     * The last instant a payment may start: {@code budget} before the expiry, or half the order's
     * lifetime before it when the lifetime is shorter than two budgets (a deployment with
     * reservations of a few seconds), so that such an order is payable at all.
     */
    public Instant payableUntil(Duration budget) {
        Duration halfLife = Duration.between(createdAt, expiresAt).dividedBy(2);
        return expiresAt.minus(budget.compareTo(halfLife) > 0 ? halfLife : budget);
    }

    public void requireCancellable() {
        if (status != OrderStatus.AWAITING_PAYMENT) {
            throw new OrderException(OrderErrorCode.ORDER_NOT_CANCELLABLE, "The order is " + status + ".");
        }
    }

    public boolean isFree() {
        return total == 0;
    }

    public boolean belongsTo(long otherUserId) {
        return userId == otherUserId;
    }

    public Order paid(String newPaymentId) {
        if (status != OrderStatus.AWAITING_PAYMENT) {
            throw new IllegalStateException("order " + id + " is " + status);
        }
        return with(OrderStatus.PAID, newPaymentId);
    }

    public Order cancelled() {
        requireCancellable();
        return with(OrderStatus.CANCELLED, paymentId);
    }

    public Order expired() {
        if (status != OrderStatus.AWAITING_PAYMENT) {
            throw new IllegalStateException("order " + id + " is " + status);
        }
        return with(OrderStatus.EXPIRED, paymentId);
    }

    private Order with(OrderStatus newStatus, String newPaymentId) {
        return new Order(id, userId, newStatus, lines, subtotal, discount, total, currency, couponId, reservationId,
                newPaymentId, expiresAt, createdAt, refund);
    }

    public OrderView view() {
        return new OrderView(id, userId, status,
                lines.stream().map(line -> new OrderLineView(line.sku(), line.quantity(), line.unitPrice())).toList(),
                subtotal, discount, total, currency, couponId, reservationId, paymentId, expiresAt, refund);
    }
}
