package dev.commerce.payment;

/** Reads one payment. */
public interface GetPaymentQuery {

    /** @throws PaymentException {@code PAYMENT_NOT_FOUND} if there is no such payment */
    PaymentView getPayment(String paymentId);
}
