package dev.commerce.payment.application.port;

/**
 * A charge as the gateway made it.
 *
 * @param transactionId the gateway's id of the charge
 * @param approved      false when the gateway declined (a declined charge is still a record)
 */
public record GatewayCharge(String transactionId, String orderId, long amount, String currency, boolean approved) {

    /** Whether this charge is for the given order, amount and currency. */
    public boolean isFor(String otherOrderId, long otherAmount, String otherCurrency) {
        return orderId.equals(otherOrderId) && amount == otherAmount && currency.equals(otherCurrency);
    }
}
