package dev.commerce.order.application.port;

/** Charges an order's total (the payment module, which talks to the gateway). */
public interface OrderPayments {

    /**
     * Charges once per {@code chargeKey}: the same key again answers the first outcome (and settles
     * an unknown one by asking the gateway) without charging twice.
     *
     * @throws dev.commerce.order.OrderException {@code IDEMPOTENCY_REQUEST_IN_PROGRESS}, {@code
     *         GATEWAY_UNAVAILABLE}, {@code GATEWAY_TIMEOUT}
     */
    Outcome charge(long userId, String chargeKey, String orderId, long amount, String currency);

    /** Approved or declined, with the payment the payment module recorded. */
    record Outcome(boolean approved, String paymentId) {
    }
}
