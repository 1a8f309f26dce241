package dev.commerce.payment.application.port;

import dev.commerce.payment.PaymentView;

/**
 * Writes the bodies recorded under a key and replayed from it. Rendered once, when the payment
 * is recorded, so every replay is the same text.
 */
public interface PaymentResponseFormat {

    /** The 201 body: the payment view as JSON. */
    String approved(PaymentView payment);

    /** The 402 body: a problem detail with code {@code PAYMENT_DECLINED}. */
    String declined(PaymentView payment);
}
