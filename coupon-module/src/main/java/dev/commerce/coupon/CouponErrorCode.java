package dev.commerce.coupon;

import dev.commerce.shared.ErrorCategory;
import dev.commerce.shared.ErrorCode;

/** The stable codes the coupon module reports; clients depend on these names. */
public enum CouponErrorCode implements ErrorCode {
    COUPON_NOT_FOUND(ErrorCategory.NOT_FOUND),
    /** Every coupon of the kind has been issued; nothing changed. */
    COUPON_SOLD_OUT(ErrorCategory.CONFLICT),
    /** The user already holds this coupon: one per user per coupon. */
    COUPON_ALREADY_ISSUED(ErrorCategory.CONFLICT),
    /** The user holds no copy of the coupon (or there is no such coupon): nothing to redeem. */
    COUPON_NOT_HELD(ErrorCategory.CONFLICT),
    /** The user's copy is redeemed for another order; it is usable again only once that order releases it. */
    COUPON_ALREADY_REDEEMED(ErrorCategory.CONFLICT),
    /** The coupon's lock was not obtained in time (or was lost); retrying may succeed. Never "sold out". */
    LOCK_UNAVAILABLE(ErrorCategory.UNAVAILABLE),
    INVALID_REQUEST(ErrorCategory.INVALID_REQUEST);

    private final ErrorCategory category;

    CouponErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
