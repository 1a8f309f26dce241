package dev.commerce.order;

/**
 * An approved charge landed on an order that can no longer be paid (it is {@code EXPIRED} or
 * {@code CANCELLED}): the payment is to be refunded through the gateway. Published in the
 * transaction that recorded the charge on the order, so a crash before the refund resumes with
 * the publication's redelivery; refunding is idempotent (one refund key per payment).
 */
public record LateChargeRefundNeeded(String orderId, long userId, String paymentId) {
}
