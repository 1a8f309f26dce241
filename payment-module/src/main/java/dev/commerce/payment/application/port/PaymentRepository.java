package dev.commerce.payment.application.port;

import dev.commerce.payment.domain.IdempotencyKey;
import dev.commerce.payment.domain.Payment;
import java.time.Instant;
import java.util.Optional;

/** Stores payments; at most one per idempotency key, which is per user (the store enforces it). */
public interface PaymentRepository {

    /** Inserts a new payment; fails if one exists for its idempotency key. */
    void save(Payment payment);

    Optional<Payment> findById(String id);

    Optional<Payment> findByIdempotencyKey(IdempotencyKey idempotencyKey);

    /** {@code APPROVED} → {@code REFUNDED} at {@code refundedAt}; false if it was not approved. */
    boolean markRefunded(String id, Instant refundedAt);
}
