package dev.commerce.order;

/** An order was cancelled: its reservation is to be cancelled and its coupon released. */
public record OrderCancelled(String orderId, long userId, String reservationId, String couponId) {
}
