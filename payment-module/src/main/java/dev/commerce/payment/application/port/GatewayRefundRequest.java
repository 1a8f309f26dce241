package dev.commerce.payment.application.port;

/**
 * A refund sent to the gateway: of the charge {@code transactionId}, {@code amount} in its
 * currency, deduplicated by {@code idempotencyKey} (a repeated key returns the first refund).
 */
public record GatewayRefundRequest(String idempotencyKey, String transactionId, long amount, String currency) {
}
