package dev.commerce.payment;

import dev.commerce.shared.IdempotencyKeyRule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Charges {@code amount} of {@code currency} for an order, once per idempotency key of the caller
 * (who is passed beside the command: {@link ChargePaymentUseCase#charge}).
 *
 * <p>Checks run in this order, the first failure wins: the key is present ({@code
 * IDEMPOTENCY_KEY_MISSING}), the key is 1 to 255 printable ASCII characters ({@code
 * IDEMPOTENCY_KEY_INVALID}), then the body fields ({@code INVALID_REQUEST}). A rejected command
 * stores nothing.
 *
 * @param idempotencyKey 1 to {@link #MAX_KEY_LENGTH} characters, each 0x20 to 0x7E
 * @param orderId        1 to {@link #MAX_ORDER_ID_LENGTH} characters, not blank
 * @param amount         1 to {@link #MAX_AMOUNT}, in the currency's minor unit
 * @param currency       three upper-case letters (ISO 4217 shape)
 */
public record ChargePaymentCommand(String idempotencyKey, String orderId, long amount, String currency) {

    public static final int MAX_KEY_LENGTH = IdempotencyKeyRule.MAX_LENGTH;
    public static final int MAX_ORDER_ID_LENGTH = 100;
    public static final long MAX_AMOUNT = 1_000_000_000_000L;

    public ChargePaymentCommand {
        requireValidKey(idempotencyKey);
        if (orderId == null || orderId.isBlank()) {
            throw PaymentException.invalidRequest("orderId must not be blank");
        }
        if (orderId.length() > MAX_ORDER_ID_LENGTH) {
            throw PaymentException.invalidRequest("orderId must be at most " + MAX_ORDER_ID_LENGTH + " characters");
        }
        if (orderId.chars().anyMatch(Character::isISOControl)) {
            throw PaymentException.invalidRequest("orderId must not contain control characters");
        }
        if (amount < 1 || amount > MAX_AMOUNT) {
            throw PaymentException.invalidRequest("amount must be between 1 and " + MAX_AMOUNT);
        }
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw PaymentException.invalidRequest("currency must be three upper-case letters");
        }
    }

    /** Rejects a missing or malformed key; usable before the body has been read. */
    public static String requireValidKey(String key) {
        if (key == null) {
            throw new PaymentException(PaymentErrorCode.IDEMPOTENCY_KEY_MISSING, "the Idempotency-Key header is required");
        }
        String problem = IdempotencyKeyRule.problemWith(key);
        if (problem != null) {
            throw new PaymentException(PaymentErrorCode.IDEMPOTENCY_KEY_INVALID, problem);
        }
        return key;
    }

    /**
     * SHA-256 (hex) of the canonical request: version, amount, currency and order id, one per
     * line, in that fixed order. The first three never contain a line break, so the form is
     * unambiguous; JSON field order and whitespace do not reach it.
     */
    public String fingerprint() {
        return fingerprintOf(orderId, amount, currency);
    }

    /** The {@link #fingerprint()} of a request with these fields. */
    public static String fingerprintOf(String orderId, long amount, String currency) {
        String canonical = "v1\n" + amount + "\n" + currency + "\n" + orderId;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
