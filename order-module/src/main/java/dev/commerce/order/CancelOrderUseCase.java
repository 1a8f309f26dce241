package dev.commerce.order;

import dev.commerce.shared.Caller;

/** Cancels an order awaiting payment; its stock and coupon are released after the commit ({@link OrderCancelled}). */
public interface CancelOrderUseCase {

    /** @throws OrderException {@code ORDER_NOT_FOUND}; {@code ORDER_NOT_CANCELLABLE} */
    OrderView cancel(Caller caller, String orderId);
}
