package dev.commerce.payment.application;

import dev.commerce.payment.GetPaymentQuery;
import dev.commerce.payment.PaymentErrorCode;
import dev.commerce.payment.PaymentException;
import dev.commerce.payment.PaymentView;
import dev.commerce.payment.application.port.PaymentRepository;
import dev.commerce.shared.Caller;
import java.util.Objects;

/** Reads payments; another user's reads as absent, so its id reveals nothing. */
public final class PaymentReader implements GetPaymentQuery {

    private final PaymentRepository payments;

    public PaymentReader(PaymentRepository payments) {
        this.payments = Objects.requireNonNull(payments, "payments");
    }

    @Override
    public PaymentView getPayment(Caller caller, String paymentId) {
        Objects.requireNonNull(caller, "caller");
        return payments.findById(paymentId)
                .filter(payment -> payment.isVisibleTo(caller))
                .map(PaymentViews::of)
                .orElseThrow(() -> new PaymentException(PaymentErrorCode.PAYMENT_NOT_FOUND, "no payment with id " + paymentId));
    }
}
