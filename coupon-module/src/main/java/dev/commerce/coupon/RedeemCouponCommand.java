package dev.commerce.coupon;

/**
 * Redeems the copy of a coupon that a user holds for one order.
 *
 * @param couponId 1 to 100 characters, not blank: the coupon (not the issued copy)
 * @param userId   a positive number: the buyer of the order, who must hold a copy
 * @param orderId  1 to 100 characters, not blank: the order the copy is applied to
 */
public record RedeemCouponCommand(String couponId, long userId, String orderId) {

    public RedeemCouponCommand {
        CouponInput.requireText(couponId, "couponId");
        CouponInput.requireBetween(userId, 1, Long.MAX_VALUE, "userId");
        CouponInput.requireText(orderId, "orderId");
    }
}
