package dev.commerce.order.application.port;

/** Applies a coupon the buyer holds to one order and gives it back (the coupon module's redemptions). */
public interface CouponRedemptions {

    /**
     * Redeems the user's coupon for {@code orderId}; repeating it for the same order is no change.
     *
     * @return the discount, in the order currency's minor unit, at least 0
     * @throws dev.commerce.order.OrderException {@code COUPON_NOT_HELD}, {@code COUPON_ALREADY_REDEEMED}
     */
    long redeem(String couponId, long userId, String orderId);

    /** Makes the coupon usable again if it is redeemed for {@code orderId}; otherwise no change. */
    void release(String couponId, long userId, String orderId);
}
