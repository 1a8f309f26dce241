package dev.commerce.payment;

/** The outcome of a payment at the gateway. */
public enum PaymentStatus {
    APPROVED,
    DECLINED,
    /** Approved, then refunded through the gateway ({@link RefundPaymentUseCase}). */
    REFUNDED
}
