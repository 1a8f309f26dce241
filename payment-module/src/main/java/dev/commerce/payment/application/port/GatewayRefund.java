package dev.commerce.payment.application.port;

/**
 * A refund as the gateway made it.
 *
 * @param refundId      the gateway's id of the refund
 * @param transactionId the charge it refunds
 */
public record GatewayRefund(String refundId, String transactionId, long amount, String currency) {
}
