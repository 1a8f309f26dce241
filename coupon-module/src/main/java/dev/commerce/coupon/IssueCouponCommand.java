package dev.commerce.coupon;

import dev.commerce.shared.Caller;
import dev.commerce.shared.CommonErrorCode;
import dev.commerce.shared.DomainException;

/**
 * Issues one copy of a coupon to a user.
 *
 * @param couponId 1 to 100 characters, not blank
 * @param userId   a positive number
 */
public record IssueCouponCommand(String couponId, long userId) {

    public IssueCouponCommand {
        CouponInput.requireText(couponId, "couponId");
        CouponInput.requireBetween(userId, 1, Long.MAX_VALUE, "userId");
    }

    /**
     * The copy a caller asks for: their own when {@code requestedUserId} is absent or their own
     * id; another user's only for an administrator (API.md), else {@code FORBIDDEN}.
     */
    public static IssueCouponCommand by(Caller caller, String couponId, Long requestedUserId) {
        long userId = requestedUserId == null ? caller.userId() : requestedUserId;
        IssueCouponCommand command = new IssueCouponCommand(couponId, userId);
        if (userId != caller.userId() && !caller.admin()) {
            throw new DomainException(CommonErrorCode.FORBIDDEN,
                    "a buyer asks for coupons for themselves; only an administrator issues to another user");
        }
        return command;
    }
}
