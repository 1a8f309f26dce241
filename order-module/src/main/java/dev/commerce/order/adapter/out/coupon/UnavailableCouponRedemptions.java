package dev.commerce.order.adapter.out.coupon;

import dev.commerce.order.OrderErrorCode;
import dev.commerce.order.OrderException;
import dev.commerce.order.application.port.CouponRedemptions;

/**
 * Stands in until the coupon module's API can redeem a coupon for an order (RedeemCouponUseCase,
 * branch {@code couponredeem}): an order naming a coupon is refused with {@code COUPON_NOT_HELD}
 * before anything is kept, and there is never anything to release.
 */
public class UnavailableCouponRedemptions implements CouponRedemptions {

    @Override
    public long redeem(String couponId, long userId, String orderId) {
        throw new OrderException(OrderErrorCode.COUPON_NOT_HELD,
                "Coupons cannot be applied to orders yet; the caller holds no usable coupon " + couponId + ".");
    }

    @Override
    public void release(String couponId, long userId, String orderId) {
        // nothing was ever redeemed
    }
}
