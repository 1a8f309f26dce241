package dev.commerce.order.application.port;

/** Charges an order's total, and refunds a charge that landed too late (the payment module, which talks to the gateway). */
public interface OrderPayments {

    /**
     * Charges once per {@code chargeKey}: the same key again answers the first outcome (and settles
     * an unknown one by asking the gateway) without charging twice.
     *
     * @throws dev.commerce.order.OrderException {@code IDEMPOTENCY_REQUEST_IN_PROGRESS}, {@code
     *         GATEWAY_UNAVAILABLE}, {@code GATEWAY_TIMEOUT}
     */
    Outcome charge(long userId, String chargeKey, String orderId, long amount, String currency);

    /**
     * Refunds an approved payment in full through the gateway, at most once however often asked;
     * an already refunded payment is done.
     *
     * @throws dev.commerce.order.OrderException {@code GATEWAY_UNAVAILABLE}, {@code GATEWAY_TIMEOUT}
     *         (asking again is safe)
     */
    void refund(String paymentId);

    /** Approved or declined, with the payment the payment module recorded. */
    record Outcome(boolean approved, String paymentId) {
    }
}
