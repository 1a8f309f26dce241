package dev.commerce.payment;

import dev.commerce.shared.Caller;

/** Reads one payment. */
public interface GetPaymentQuery {

    /**
     * @throws PaymentException {@code PAYMENT_NOT_FOUND} if there is no such payment, or it is
     *                          another user's and {@code caller} is no administrator (the same
     *                          answer, so ids of others' payments cannot be probed)
     */
    PaymentView getPayment(Caller caller, String paymentId);
}
