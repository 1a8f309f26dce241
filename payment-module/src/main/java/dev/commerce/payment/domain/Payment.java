package dev.commerce.payment.domain;

import dev.commerce.payment.PaymentStatus;
import dev.commerce.shared.Caller;
import java.time.Instant;
import java.util.Objects;

/**
 * A payment as the gateway settled it: approved or declined; an approved one may later be refunded
 * (its only change, to {@code REFUNDED}). One per
 * idempotency key; it belongs to the user whose key it was charged under.
 */
public record Payment(
        String id, String orderId, long amount, String currency, PaymentStatus status,
        String gatewayTransactionId, IdempotencyKey idempotencyKey, Instant createdAt) {

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

    /** The user who sent the key; 0 for payments made before keys belonged to users. */
    public long ownerId() {
        return idempotencyKey.userId();
    }

    /** Its owner and administrators see it; to anyone else it does not exist. */
    public boolean isVisibleTo(Caller caller) {
        return caller.maySee(ownerId());
    }

    public boolean isApproved() {
        return status == PaymentStatus.APPROVED;
    }
}
