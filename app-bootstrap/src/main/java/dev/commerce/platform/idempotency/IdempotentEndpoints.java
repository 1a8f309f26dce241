package dev.commerce.platform.idempotency;

import dev.commerce.shared.IdempotencyKeyRule;

/**
 * Which requests the filter handles, and which keys it accepts. Every {@code POST} under
 * {@code /api/v1} except the ones whose module keeps its own keys: {@code /api/v1/payments},
 * {@code /api/v1/orders} and {@code /api/v1/orders/{id}/payment} (where the key is required).
 */
public final class IdempotentEndpoints {

    /** The request header. */
    public static final String HEADER = "Idempotency-Key";

    /** The header on a replayed response. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    public static final int MAX_KEY_LENGTH = IdempotencyKeyRule.MAX_LENGTH;

    private IdempotentEndpoints() {
    }

    /** {@code path} is without the context path. */
    public static boolean covers(String method, String path) {
        if (!"POST".equals(method) || !path.startsWith("/api/v1/")) {
            return false;
        }
        String normalized = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return !(normalized.equals("/api/v1/payments") || normalized.equals("/api/v1/orders")
                || normalized.matches("/api/v1/orders/[^/]+/payment"));
    }

    /** Why {@code key} is not acceptable (the rule every POST shares), or null when it is. */
    public static String problemWith(String key) {
        return IdempotencyKeyRule.problemWith(key);
    }
}
