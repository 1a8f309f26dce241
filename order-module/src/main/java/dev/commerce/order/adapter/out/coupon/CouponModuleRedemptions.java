package dev.commerce.order.adapter.out.coupon;

import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.RedeemCouponCommand;
import dev.commerce.coupon.RedeemCouponUseCase;
import dev.commerce.coupon.ReleaseCouponCommand;
import dev.commerce.coupon.ReleaseCouponUseCase;
import dev.commerce.order.OrderErrorCode;
import dev.commerce.order.OrderException;
import dev.commerce.order.application.port.CouponRedemptions;

/**
 * Redemptions through the coupon module's use cases. Both are idempotent there: redeeming again for
 * the same order answers the same, releasing a copy not redeemed for the order changes nothing.
 */
class CouponModuleRedemptions implements CouponRedemptions {

    private final RedeemCouponUseCase redeem;
    private final ReleaseCouponUseCase release;

    CouponModuleRedemptions(RedeemCouponUseCase redeem, ReleaseCouponUseCase release) {
        this.redeem = redeem;
        this.release = release;
    }

    @Override
    public long redeem(String couponId, long userId, String orderId) {
        try {
            return redeem.redeem(new RedeemCouponCommand(couponId, userId, orderId)).discount();
        } catch (CouponException e) {
            OrderErrorCode code = switch (e.code()) {
                case COUPON_NOT_HELD, COUPON_NOT_FOUND -> OrderErrorCode.COUPON_NOT_HELD;
                case COUPON_ALREADY_REDEEMED -> OrderErrorCode.COUPON_ALREADY_REDEEMED;
                case INVALID_REQUEST -> OrderErrorCode.INVALID_REQUEST;
                default -> null;
            };
            if (code == null) {
                throw e;
            }
            throw new OrderException(code, e.getMessage(), e.retryAfter().orElse(null), e);
        }
    }

    @Override
    public void release(String couponId, long userId, String orderId) {
        release.release(new ReleaseCouponCommand(couponId, userId, orderId));
    }
}
