package dev.commerce.coupon;

/**
 * Issues one copy of a coupon to a user.
 *
 * @param couponId 1 to 100 characters, not blank
 * @param userId   a positive number
 */
public record IssueCouponCommand(String couponId, long userId) {

    public IssueCouponCommand {
        Requests.requireText(couponId, "couponId");
        Requests.requireBetween(userId, 1, Long.MAX_VALUE, "userId");
    }
}
