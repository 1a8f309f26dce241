package dev.commerce.order;

/** An order expired unpaid: its reservation is to be cancelled and its coupon released. */
public record OrderExpired(String orderId, long userId, String reservationId, String couponId) {
}
