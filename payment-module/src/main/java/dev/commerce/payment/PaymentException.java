package dev.commerce.payment;

import dev.commerce.shared.DomainException;
import java.time.Duration;

/** A failure of the payment module, reported to clients by its {@link PaymentErrorCode}. */
public class PaymentException extends DomainException {

    public PaymentException(PaymentErrorCode code, String message) {
        super(code, message);
    }

    public PaymentException(PaymentErrorCode code, String message, Duration retryAfter, Throwable cause) {
        super(code, message, retryAfter, cause);
    }

    @Override
    public PaymentErrorCode code() {
        return (PaymentErrorCode) super.code();
    }

    /** A request of the wrong shape: reported as {@code INVALID_REQUEST}; nothing is stored. */
    public static PaymentException invalidRequest(String message) {
        return new PaymentException(PaymentErrorCode.INVALID_REQUEST, message);
    }
}
