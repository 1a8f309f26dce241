package dev.commerce.order;

/** The {@code Idempotency-Key} rules of API.md, the same as for payments. */
public final class IdempotencyKeys {

    public static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    /** Rejects a missing key (400 {@code IDEMPOTENCY_KEY_MISSING}) or a malformed one ({@code _INVALID}). */
    public static String requireValid(String key) {
        if (key == null) {
            throw new OrderException(OrderErrorCode.IDEMPOTENCY_KEY_MISSING, "the Idempotency-Key header is required");
        }
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            throw new OrderException(OrderErrorCode.IDEMPOTENCY_KEY_INVALID,
                    "the Idempotency-Key must be 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new OrderException(OrderErrorCode.IDEMPOTENCY_KEY_INVALID,
                        "the Idempotency-Key must be printable ASCII");
            }
        }
        return key;
    }
}
