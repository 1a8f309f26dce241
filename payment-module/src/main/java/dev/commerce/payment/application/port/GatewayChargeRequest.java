package dev.commerce.payment.application.port;

/**
 * What is sent to the gateway: the idempotency key travels with it, as
 * {@link dev.commerce.payment.domain.IdempotencyKey#forGateway()} makes it (distinct per user).
 */
public record GatewayChargeRequest(String idempotencyKey, String orderId, long amount, String currency) {
}
