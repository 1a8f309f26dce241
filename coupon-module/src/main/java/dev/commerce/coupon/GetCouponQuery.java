package dev.commerce.coupon;

/** Reads one coupon with how many of it have been issued. */
public interface GetCouponQuery {

    /** @throws CouponException {@code COUPON_NOT_FOUND}; {@code INVALID_REQUEST} for a blank id */
    CouponView getCoupon(String couponId);
}
