package dev.commerce.payment.domain;

import dev.commerce.payment.PaymentStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A payment as the gateway settled it: approved or declined, never changed afterwards. One per
 * idempotency key.
 */
public record Payment(
        String id, String orderId, long amount, String currency, PaymentStatus status,
        String gatewayTransactionId, String idempotencyKey, Instant createdAt) {

    public Payment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(gatewayTransactionId, "gatewayTransactionId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(createdAt, "createdAt");
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
    }

    public boolean isApproved() {
        return status == PaymentStatus.APPROVED;
    }
}
