package dev.commerce.platform.idempotency;

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

    public static final int MAX_KEY_LENGTH = 255;

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

    /** Why {@code key} is not acceptable (the payment module's rules), or null when it is: 1 to 255 printable ASCII characters. */
    public static String problemWith(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return "the Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters";
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
