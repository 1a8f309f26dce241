package dev.commerce.payment.application.port;

import dev.commerce.payment.PaymentSettled;

/**
 * Publishes the module's events. Called inside the transaction that records the change, so an
 * event is recorded (and later delivered) exactly when that change commits.
 */
public interface PaymentEvents {

    void publish(PaymentSettled event);
}
