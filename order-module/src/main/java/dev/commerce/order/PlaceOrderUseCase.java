package dev.commerce.order;

import dev.commerce.shared.Caller;

/** Places an order: every line reserved and the coupon redeemed, or nothing taken at all. */
public interface PlaceOrderUseCase {

    /**
     * The order belongs to {@code caller}. The same key with the same request answers the first
     * response again (a refusal too); with another request it is {@code IDEMPOTENCY_KEY_REUSED}.
     *
     * @throws OrderException {@code PRODUCT_NOT_FOUND}, {@code PRICE_NOT_SET}, {@code INSUFFICIENT_STOCK},
     *                        {@code COUPON_NOT_HELD}, {@code COUPON_ALREADY_REDEEMED}, {@code INVALID_REQUEST}
     *                        (lines of several currencies), the idempotency codes; nothing is taken then
     */
    OrderResponse place(Caller caller, PlaceOrderCommand command);
}
