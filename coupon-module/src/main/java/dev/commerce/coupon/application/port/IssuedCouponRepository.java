package dev.commerce.coupon.application.port;

import dev.commerce.coupon.domain.IssuedCoupon;
import java.util.List;
import java.util.Optional;

/**
 * Stores the copies of coupons held by users: at most one per user per coupon, each {@code ISSUED} or
 * {@code REDEEMED} by exactly one order.
 */
public interface IssuedCouponRepository {

    /**
     * Inserts the issued copy, {@code ISSUED}.
     *
     * @throws dev.commerce.coupon.CouponException {@code COUPON_ALREADY_ISSUED} if the user already
     *                                             holds a copy of that coupon (enforced by the store
     *                                             itself, e.g. a unique constraint)
     */
    void add(IssuedCoupon issued);

    boolean exists(String couponId, long userId);

    /** The user's copy of the coupon as stored now (latest committed state), if they hold one. */
    Optional<IssuedCoupon> find(String couponId, long userId);

    /** The copies held by {@code userId}, oldest first: at most {@code limit}, after skipping {@code offset}. */
    List<IssuedCoupon> findByUser(long userId, int offset, int limit);

    /**
     * Redeems the user's copy of the coupon for {@code orderId} in ONE indivisible compare-and-set of
     * the store: only a copy that is {@code ISSUED} at that moment becomes {@code REDEEMED} with the
     * order. Concurrent calls for the same copy are serialised by the store, each deciding on the
     * state the one before it left, so at most one of them changes an {@code ISSUED} copy.
     *
     * @return the copy as this call redeemed it; empty if it changed nothing (no such copy, or not
     *         {@code ISSUED}: then {@link #find} tells which)
     */
    Optional<IssuedCoupon> redeem(String couponId, long userId, String orderId);

    /**
     * Makes the user's copy of the coupon {@code ISSUED} again (no order) in ONE indivisible
     * compare-and-set, only if it is {@code REDEEMED} for {@code orderId}.
     *
     * @return whether this call changed the copy
     */
    boolean release(String couponId, long userId, String orderId);
}
