package dev.commerce.payment;

/** The outcome of a payment at the gateway. */
public enum PaymentStatus {
    APPROVED,
    DECLINED
}
