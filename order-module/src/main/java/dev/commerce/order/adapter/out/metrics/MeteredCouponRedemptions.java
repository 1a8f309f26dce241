package dev.commerce.order.adapter.out.metrics;

import dev.commerce.order.application.port.CouponRedemptions;
import java.util.Objects;

/**
 * {@link CouponRedemptions} that counts every release as a compensation,
 * {@code orders.compensations{kind="coupon_released", trigger, outcome}}; the trigger is fixed per
 * instance, as in {@link MeteredStockReservations}.
 */
public final class MeteredCouponRedemptions implements CouponRedemptions {

    private final CouponRedemptions delegate;
    private final OrderMetrics metrics;
    private final String trigger;

    public MeteredCouponRedemptions(CouponRedemptions delegate, OrderMetrics metrics, String trigger) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
    }

    @Override
    public long redeem(String couponId, long userId, String orderId) {
        return delegate.redeem(couponId, userId, orderId);
    }

    @Override
    public void release(String couponId, long userId, String orderId) {
        try {
            delegate.release(couponId, userId, orderId);
        } catch (RuntimeException e) {
            metrics.compensated(OrderMetrics.COUPON_RELEASED, trigger, false);
            throw e;
        }
        metrics.compensated(OrderMetrics.COUPON_RELEASED, trigger, true);
    }
}
