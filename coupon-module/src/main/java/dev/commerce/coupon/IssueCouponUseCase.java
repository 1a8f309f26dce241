package dev.commerce.coupon;

/**
 * Issues a coupon to a user, first come, first served: never more than the coupon's total and
 * never twice to one user, however many instances of the service run at once.
 */
public interface IssueCouponUseCase {

    /**
     * @throws CouponException {@code COUPON_NOT_FOUND}; {@code COUPON_SOLD_OUT};
     *                         {@code COUPON_ALREADY_ISSUED}; {@code LOCK_UNAVAILABLE} (retryable,
     *                         with a retry-after) when the coupon's lock was not obtained in time or
     *                         was lost before the write. Nothing changes in any of these cases.
     */
    IssuedCouponView issue(IssueCouponCommand command);
}
