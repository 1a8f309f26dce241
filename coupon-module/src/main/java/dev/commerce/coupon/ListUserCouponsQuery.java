package dev.commerce.coupon;

import java.util.List;

/** Lists the coupons issued to one user, oldest first. */
public interface ListUserCouponsQuery {

    /** @throws CouponException {@code INVALID_REQUEST} for a user id that is not positive */
    List<IssuedCouponView> listUserCoupons(long userId);
}
