package dev.commerce.payment;

/**
 * Charges an order through the payment gateway at most once per idempotency key, however often
 * and however concurrently the request is repeated.
 */
public interface ChargePaymentUseCase {

    /**
     * Returns the response of the first completed request with this key: the approval (201) or
     * the decline (402), exactly as first sent; {@link RecordedResponse#replayed()} says whether
     * this call only repeated it.
     *
     * @throws PaymentException {@code IDEMPOTENCY_REQUEST_IN_PROGRESS} while another request holds
     *                          the key; {@code IDEMPOTENCY_KEY_REUSED} if the key was used with a
     *                          different request; {@code GATEWAY_UNAVAILABLE} / {@code
     *                          GATEWAY_TIMEOUT} when the gateway failed (a retry with the same key
     *                          settles the outcome without charging twice)
     */
    RecordedResponse charge(ChargePaymentCommand command);
}
