package dev.commerce.order.application;

import dev.commerce.order.application.port.OrderPayments;
import dev.commerce.order.application.port.OrderRepository;
import java.util.Objects;

/**
 * Refunds a charge that landed on an order that can no longer be paid, then records it on the
 * order. Idempotent: the payment module refunds a payment once, whoever asks and however often
 * (the buyer's request right after the failed transition, the {@code LateChargeRefundNeeded}
 * listener, a redelivery), and the order's refund moves only from {@code PENDING} to
 * {@code REFUNDED}.
 */
public final class LateChargeRefunds {

    private final OrderRepository orders;
    private final OrderPayments payments;

    public LateChargeRefunds(OrderRepository orders, OrderPayments payments) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.payments = Objects.requireNonNull(payments, "payments");
    }

    /**
     * @throws dev.commerce.order.OrderException {@code GATEWAY_UNAVAILABLE} / {@code GATEWAY_TIMEOUT}
     *         when the gateway failed (the refund stays {@code PENDING}; asking again is safe)
     */
    public void refund(String orderId, String paymentId) {
        payments.refund(paymentId);
        orders.markRefunded(orderId, paymentId);
    }
}
