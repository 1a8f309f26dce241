package dev.commerce.payment;

/**
 * Refunds an approved payment through the gateway, in full, at most once: the refund's key at the
 * gateway is derived from the payment, so however often and however concurrently it is asked
 * (a retry, a redelivered event), the gateway refunds once. For the service's own use (the order
 * module refunds a charge that landed on an order that can no longer be paid); no HTTP endpoint.
 */
public interface RefundPaymentUseCase {

    /**
     * @return the payment, {@code REFUNDED}; an already refunded payment is returned as it is
     * @throws PaymentException {@code PAYMENT_NOT_FOUND}; {@code PAYMENT_NOT_REFUNDABLE} for a
     *                          declined payment or a refund the gateway refused; {@code
     *                          GATEWAY_UNAVAILABLE} / {@code GATEWAY_TIMEOUT} when the gateway failed
     *                          (asking again is safe: the same refund key refunds once)
     */
    PaymentView refund(RefundPaymentCommand command);
}
