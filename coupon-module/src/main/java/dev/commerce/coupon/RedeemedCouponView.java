package dev.commerce.coupon;

/**
 * A copy of a coupon redeemed for an order: what the order needs to price itself and to release the
 * copy later.
 *
 * @param issuedCouponId the id of the user's issued copy ({@link IssuedCouponView#id()})
 * @param couponId       the coupon
 * @param userId         the holder, the order's buyer
 * @param orderId        the order the copy is redeemed for
 * @param discount       the amount the coupon takes off the order's total, in the order's currency (0 or more)
 */
public record RedeemedCouponView(String issuedCouponId, String couponId, long userId, String orderId, long discount) {
}
