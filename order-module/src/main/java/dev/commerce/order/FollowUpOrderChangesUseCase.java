package dev.commerce.order;

/**
 * Carries a committed order change to the other modules: confirms the stock of a paid order, gives
 * back the stock and coupon of a cancelled, expired or abandoned one, refunds a late charge. Every
 * step is idempotent by the state it moves, because an event may be delivered twice.
 */
public interface FollowUpOrderChangesUseCase {

    void on(OrderPaid paid);

    void on(OrderCancelled cancelled);

    void on(OrderExpired expired);

    void on(OrderPlacementAbandoned abandoned);

    void on(LateChargeRefundNeeded needed);
}
