package dev.commerce.shared;

/**
 * The {@code Idempotency-Key} rule of API.md, one for every POST: 1 to {@value #MAX_LENGTH}
 * printable ASCII characters. Each caller reports a breach with its own exception and code.
 */
public final class IdempotencyKeyRule {

    public static final int MAX_LENGTH = 255;

    private IdempotencyKeyRule() {
    }

    /** Why a present {@code key} is not acceptable, or null when it is. */
    public static String problemWith(String key) {
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            return "the Idempotency-Key must be 1 to " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return "the Idempotency-Key must be printable ASCII";
            }
        }
        return null;
    }
}
