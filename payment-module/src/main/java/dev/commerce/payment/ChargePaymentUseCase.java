package dev.commerce.payment;

import dev.commerce.shared.Caller;

/**
 * Charges an order through the payment gateway at most once per idempotency key, however often
 * and however concurrently the request is repeated. Keys belong to the caller: the same key from
 * two users names two requests, each charged once and replayed only to its own user.
 */
public interface ChargePaymentUseCase {

    /**
     * Returns the response of the first completed request of {@code caller} with this key: the
     * approval (201) or the decline (402), exactly as first sent; {@link RecordedResponse#replayed()}
     * says whether this call only repeated it. The payment belongs to {@code caller}.
     *
     * @throws PaymentException {@code IDEMPOTENCY_REQUEST_IN_PROGRESS} while another request holds
     *                          the key; {@code IDEMPOTENCY_KEY_REUSED} if the caller used the key
     *                          with a different request; {@code GATEWAY_UNAVAILABLE} / {@code
     *                          GATEWAY_TIMEOUT} when the gateway failed (a retry with the same key
     *                          settles the outcome without charging twice)
     */
    RecordedResponse charge(Caller caller, ChargePaymentCommand command);
}
