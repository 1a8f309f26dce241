package dev.commerce.payment.application;

import dev.commerce.payment.PaymentView;
import dev.commerce.payment.domain.Payment;

/** Domain to view. */
final class PaymentViews {

    private PaymentViews() {
    }

    static PaymentView of(Payment payment) {
        return new PaymentView(payment.id(), payment.orderId(), payment.amount(), payment.currency(),
                payment.status(), payment.gatewayTransactionId());
    }
}
