package dev.commerce.payment.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An idempotency key as the service keeps it: the client's {@code Idempotency-Key} within the user
 * who sent it. Keys belong to the caller, so the same client key from two users names two
 * different requests: neither replays, rejects nor waits for the other's.
 *
 * @param userId the caller's user id; 0 for keys stored before keys belonged to users
 * @param value  the client's key, as sent
 */
public record IdempotencyKey(long userId, String value) {

    /** The longest key forwarded to the gateway: as long as a client's, which gateways accept (Stripe's limit). */
    public static final int MAX_GATEWAY_KEY_LENGTH = 255;

    public IdempotencyKey {
        if (userId < 0) {
            throw new IllegalArgumentException("userId must not be negative: " + userId);
        }
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("an idempotency key is not empty");
        }
    }

    /**
     * The key forwarded to the gateway, which charges once per key: it must differ between users,
     * or one user's charge would be deduplicated into another's. {@code <userId>:<value>} while that
     * fits in {@value #MAX_GATEWAY_KEY_LENGTH} characters, else {@code <userId>;<SHA-256 of value in
     * hex>}; the separator after the digits tells the two forms apart. A key of user 0 (stored before
     * keys belonged to users) goes as it went then, so its unknown outcome is still found by it.
     */
    public String forGateway() {
        if (userId == 0) {
            return value;
        }
        String scoped = userId + ":" + value;
        return scoped.length() <= MAX_GATEWAY_KEY_LENGTH ? scoped : userId + ";" + sha256Hex(value);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return value + " (user " + userId + ")";
    }
}
