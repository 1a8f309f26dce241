package dev.commerce.order;

import dev.commerce.shared.Caller;

/** Charges an order its total through the payment module, at most once however many requests race. */
public interface PayOrderUseCase {

    /**
     * @throws OrderException {@code ORDER_NOT_FOUND}; {@code ORDER_NOT_PAYABLE}; {@code PAYMENT_DECLINED}
     *                        (the order stays payable); {@code IDEMPOTENCY_REQUEST_IN_PROGRESS} while
     *                        another payment of the order runs; {@code GATEWAY_UNAVAILABLE} / {@code
     *                        GATEWAY_TIMEOUT}; the idempotency codes
     */
    OrderResponse pay(Caller caller, PayOrderCommand command);
}
