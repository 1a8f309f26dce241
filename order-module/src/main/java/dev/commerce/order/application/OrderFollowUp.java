package dev.commerce.order.application;

import dev.commerce.order.FollowUpOrderChangesUseCase;
import dev.commerce.order.LateChargeRefundNeeded;
import dev.commerce.order.OrderCancelled;
import dev.commerce.order.OrderExpired;
import dev.commerce.order.OrderPaid;
import dev.commerce.order.OrderPlacementAbandoned;
import dev.commerce.order.application.port.CouponRedemptions;
import dev.commerce.order.application.port.StockReservations;
import java.util.Objects;

/**
 * What follows a committed order change in the other modules. Every step is idempotent by the state
 * it moves (a confirmed reservation is not confirmed again, a released coupon not released again),
 * because an event may be delivered twice.
 */
public final class OrderFollowUp implements FollowUpOrderChangesUseCase {

    private final StockReservations stock;
    private final CouponRedemptions coupons;
    private final LateChargeRefunds refunds;

    public OrderFollowUp(StockReservations stock, CouponRedemptions coupons, LateChargeRefunds refunds) {
        this.stock = Objects.requireNonNull(stock, "stock");
        this.coupons = Objects.requireNonNull(coupons, "coupons");
        this.refunds = Objects.requireNonNull(refunds, "refunds");
    }

    /** Refunds the late charge (once per payment) and records it on the order. */
    @Override
    public void on(LateChargeRefundNeeded needed) {
        refunds.refund(needed.orderId(), needed.paymentId());
    }

    @Override
    public void on(OrderPaid paid) {
        stock.confirm(paid.userId(), paid.reservationId());
    }

    @Override
    public void on(OrderCancelled cancelled) {
        release(cancelled.orderId(), cancelled.userId(), cancelled.reservationId(), cancelled.couponId());
    }

    @Override
    public void on(OrderExpired expired) {
        release(expired.orderId(), expired.userId(), expired.reservationId(), expired.couponId());
    }

    /** A placement that died after redeeming the coupon: what it took is given back. */
    @Override
    public void on(OrderPlacementAbandoned abandoned) {
        release(abandoned.orderId(), abandoned.userId(), abandoned.reservationId(), abandoned.couponId());
    }

    private void release(String orderId, long userId, String reservationId, String couponId) {
        stock.release(userId, reservationId);
        if (couponId != null) {
            coupons.release(couponId, userId, orderId);
        }
    }
}
