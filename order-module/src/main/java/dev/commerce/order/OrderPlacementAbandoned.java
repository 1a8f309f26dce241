package dev.commerce.order;

/**
 * A placement that redeemed a coupon never stored its order (its process died between the two):
 * the coupon is to be released and the reservation cancelled. Raised by the placement recovery, in
 * the transaction that marks the placement abandoned.
 */
public record OrderPlacementAbandoned(String orderId, long userId, String reservationId, String couponId) {
}
