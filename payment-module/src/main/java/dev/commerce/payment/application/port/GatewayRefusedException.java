package dev.commerce.payment.application.port;

/**
 * The gateway refused a refund as such (an unknown or declined charge, more than was charged):
 * nothing was refunded, and sending the same request again will not change that.
 */
public class GatewayRefusedException extends RuntimeException {

    public GatewayRefusedException(String message) {
        super(message);
    }
}
