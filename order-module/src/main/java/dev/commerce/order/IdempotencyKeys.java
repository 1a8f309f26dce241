package dev.commerce.order;

import dev.commerce.shared.IdempotencyKeyRule;

/** The {@code Idempotency-Key} rules of API.md, the same as for payments. */
public final class IdempotencyKeys {

    public static final int MAX_LENGTH = IdempotencyKeyRule.MAX_LENGTH;

    private IdempotencyKeys() {
    }

    /** Rejects a missing key (400 {@code IDEMPOTENCY_KEY_MISSING}) or a malformed one ({@code _INVALID}). */
    public static String requireValid(String key) {
        if (key == null) {
            throw new OrderException(OrderErrorCode.IDEMPOTENCY_KEY_MISSING, "the Idempotency-Key header is required");
        }
        String problem = IdempotencyKeyRule.problemWith(key);
        if (problem != null) {
            throw new OrderException(OrderErrorCode.IDEMPOTENCY_KEY_INVALID, problem);
        }
        return key;
    }
}
