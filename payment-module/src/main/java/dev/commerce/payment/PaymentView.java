package dev.commerce.payment;

/** A payment as clients see it. */
public record PaymentView(
        String id, String orderId, long amount, String currency, PaymentStatus status, String gatewayTransactionId) {
}
