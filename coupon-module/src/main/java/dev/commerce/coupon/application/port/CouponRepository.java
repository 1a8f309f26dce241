package dev.commerce.coupon.application.port;

import dev.commerce.coupon.domain.Coupon;
import java.util.Optional;

/** Stores coupons and how many of each are issued. Coupons are never deleted. */
public interface CouponRepository {

    /** Inserts a new coupon. */
    void add(Coupon coupon);

    Optional<Coupon> find(String couponId);

    /**
     * Counts one more issued copy of the coupon, in ONE conditional write that is the last line
     * against over-issue whatever the lock did: it succeeds only if fewer than the total are issued
     * AND no write with a newer token than {@code token} was accepted for this coupon; it then
     * remembers {@code token} as the newest. Call it inside {@link CouponLock#withCouponLocked}.
     *
     * @return what happened; on anything but {@link IssueRecord#RECORDED} nothing changed
     */
    IssueRecord recordIssue(String couponId, FencingToken token);

    /** The outcome of {@link #recordIssue}. */
    enum IssueRecord {
        /** One more copy is counted. */
        RECORDED,
        /** Every copy was already issued. */
        SOLD_OUT,
        /** A newer lock holder has written since this token was handed out: the lock was lost. */
        STALE_TOKEN
    }
}
