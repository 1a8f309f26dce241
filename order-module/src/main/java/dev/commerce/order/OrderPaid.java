package dev.commerce.order;

/** An order was paid: its reservation is to be confirmed. Published in the transaction that marked it paid. */
public record OrderPaid(String orderId, long userId, String reservationId, String couponId, String paymentId) {
}
