package dev.commerce.payment.application.port;

/** What is sent to the gateway: the idempotency key travels with it. */
public record GatewayChargeRequest(String idempotencyKey, String orderId, long amount, String currency) {
}
