package dev.commerce.payment.application.port;

/** The gateway gave no usable answer. {@link #outcome()} says whether money may have moved. */
public class GatewayException extends RuntimeException {

    /** What is known about the charge after the failure. */
    public enum Outcome {
        /** The request never reached the gateway (connection refused or not established): nothing was charged. */
        NOT_CHARGED,
        /** The gateway answered with a server error after the request was sent: it may have charged. */
        UNKNOWN_FAILED,
        /** No answer within the read timeout after the request was sent: it may have charged. */
        UNKNOWN_TIMED_OUT
    }

    private final Outcome outcome;

    public GatewayException(Outcome outcome, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }

    public GatewayException(Outcome outcome, String message) {
        this(outcome, message, null);
    }

    public Outcome outcome() {
        return outcome;
    }
}
