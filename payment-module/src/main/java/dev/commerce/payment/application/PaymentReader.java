package dev.commerce.payment.application;

import dev.commerce.payment.GetPaymentQuery;
import dev.commerce.payment.PaymentErrorCode;
import dev.commerce.payment.PaymentException;
import dev.commerce.payment.PaymentView;
import dev.commerce.payment.application.port.PaymentRepository;
import java.util.Objects;

/** Reads payments. */
public final class PaymentReader implements GetPaymentQuery {

    private final PaymentRepository payments;

    public PaymentReader(PaymentRepository payments) {
        this.payments = Objects.requireNonNull(payments, "payments");
    }

    @Override
    public PaymentView getPayment(String paymentId) {
        return payments.findById(paymentId)
                .map(Views::of)
                .orElseThrow(() -> new PaymentException(PaymentErrorCode.PAYMENT_NOT_FOUND, "no payment with id " + paymentId));
    }
}
