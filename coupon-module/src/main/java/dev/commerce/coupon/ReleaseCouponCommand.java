package dev.commerce.coupon;

/**
 * Takes a user's copy of a coupon back from the order it was redeemed for (the order was cancelled
 * or expired), so that it is usable again.
 *
 * @param couponId 1 to 100 characters, not blank: the coupon (not the issued copy)
 * @param userId   a positive number: the buyer of the order
 * @param orderId  1 to 100 characters, not blank: the order that redeemed the copy
 */
public record ReleaseCouponCommand(String couponId, long userId, String orderId) {

    public ReleaseCouponCommand {
        CouponInput.requireText(couponId, "couponId");
        CouponInput.requireBetween(userId, 1, Long.MAX_VALUE, "userId");
        CouponInput.requireText(orderId, "orderId");
    }
}
