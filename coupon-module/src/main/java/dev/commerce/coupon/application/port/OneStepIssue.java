package dev.commerce.coupon.application.port;

import dev.commerce.coupon.domain.IssuedCoupon;

/**
 * Hands out one copy of a coupon in ONE indivisible step of the store itself (a Redis script, a
 * conditional SQL statement) that both decides and records the copy, with no lock held by the
 * caller: the alternative to {@link CouponLock} for {@code commerce.coupon.strategy=atomic|conditional}.
 *
 * <p>Named "one step" rather than "lock-free" (the Redis script and the SQL statement do serialise
 * on the store's own locks) or "atomic" (the name of one of the two strategies that use it): what
 * both adapters share is that the check and the write are one step of the store.
 *
 * <p>Whatever the adapter, a coupon is never issued more than its total nor twice to one user,
 * and {@link IssueResult#ISSUED} means the copy is stored in the source of truth (PostgreSQL), so
 * that it is listed for the user at once. An adapter whose store failed before it decided (or while
 * its answer was on the way) throws {@link IssueStoreUnavailableException}, for a circuit breaker.
 */
public interface OneStepIssue {

    /**
     * Issues {@code copy} (its id and time chosen by the caller) if the coupon exists, has copies
     * left and the user holds none of it yet.
     *
     * @return what happened; on anything but {@link IssueResult#ISSUED} nothing was issued
     * @throws dev.commerce.coupon.CouponException {@code LOCK_UNAVAILABLE} if the store could not
     *                                             decide now; a retry may succeed
     */
    IssueResult issue(IssuedCoupon copy);

    /** The outcome of {@link #issue}. */
    enum IssueResult {
        /** The copy is stored; the user holds it. */
        ISSUED,
        /** Every copy was already issued. */
        SOLD_OUT,
        /** The user already holds a copy of this coupon. */
        ALREADY_ISSUED,
        /** No coupon with that id. */
        COUPON_NOT_FOUND
    }
}
