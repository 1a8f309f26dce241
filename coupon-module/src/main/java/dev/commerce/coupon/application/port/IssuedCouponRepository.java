package dev.commerce.coupon.application.port;

import dev.commerce.coupon.domain.IssuedCoupon;
import java.util.List;

/** Stores the copies of coupons held by users: at most one per user per coupon. */
public interface IssuedCouponRepository {

    /**
     * Inserts the issued copy.
     *
     * @throws dev.commerce.coupon.CouponException {@code COUPON_ALREADY_ISSUED} if the user already
     *                                             holds a copy of that coupon (enforced by the store
     *                                             itself, e.g. a unique constraint)
     */
    void add(IssuedCoupon issued);

    boolean exists(String couponId, long userId);

    /** The copies held by {@code userId}, oldest first: at most {@code limit}, after skipping {@code offset}. */
    List<IssuedCoupon> findByUser(long userId, int offset, int limit);
}
