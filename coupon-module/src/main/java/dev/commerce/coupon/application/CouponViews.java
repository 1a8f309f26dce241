package dev.commerce.coupon.application;

import dev.commerce.coupon.CouponView;
import dev.commerce.coupon.IssuedCouponView;
import dev.commerce.coupon.RedeemedCouponView;
import dev.commerce.coupon.domain.Coupon;
import dev.commerce.coupon.domain.IssuedCoupon;

/** Turns aggregates into the module API's views, which must not expose the domain. */
final class CouponViews {

    private CouponViews() {
    }

    static CouponView of(Coupon coupon) {
        return new CouponView(coupon.id(), coupon.name(), coupon.totalQuantity(), coupon.issuedQuantity(),
                coupon.remaining(), coupon.discount());
    }

    static IssuedCouponView of(IssuedCoupon issued) {
        return new IssuedCouponView(issued.id(), issued.couponId(), issued.userId(), issued.issuedAt(),
                issued.status(), issued.orderId());
    }

    static RedeemedCouponView redeemed(IssuedCoupon copy, long discount) {
        return new RedeemedCouponView(copy.id(), copy.couponId(), copy.userId(), copy.orderId(), discount);
    }
}
