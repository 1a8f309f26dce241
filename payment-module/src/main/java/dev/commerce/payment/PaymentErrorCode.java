package dev.commerce.payment;

import dev.commerce.shared.ErrorCategory;
import dev.commerce.shared.ErrorCode;

/** The stable codes the payment module reports; clients depend on these names. */
public enum PaymentErrorCode implements ErrorCode {
    PAYMENT_NOT_FOUND(ErrorCategory.NOT_FOUND),
    /** The gateway declined the charge; the payment is recorded as DECLINED. */
    PAYMENT_DECLINED(ErrorCategory.DECLINED),
    /** No {@code Idempotency-Key} header. */
    IDEMPOTENCY_KEY_MISSING(ErrorCategory.INVALID_REQUEST),
    /** The key is not 1 to 255 printable ASCII characters. */
    IDEMPOTENCY_KEY_INVALID(ErrorCategory.INVALID_REQUEST),
    /** Another request with the same key is still running; retry later. */
    IDEMPOTENCY_REQUEST_IN_PROGRESS(ErrorCategory.CONFLICT),
    /** The key was used before with a different request body. */
    IDEMPOTENCY_KEY_REUSED(ErrorCategory.UNPROCESSABLE),
    /** The gateway could not be reached or failed; a retry with the same key is safe. */
    GATEWAY_UNAVAILABLE(ErrorCategory.UPSTREAM_FAILED),
    /** The gateway did not answer in time; the outcome is settled by a retry with the same key. */
    GATEWAY_TIMEOUT(ErrorCategory.UPSTREAM_TIMEOUT),
    /** Only an approved payment can be refunded; the gateway refused the refund of this one. */
    PAYMENT_NOT_REFUNDABLE(ErrorCategory.CONFLICT),
    INVALID_REQUEST(ErrorCategory.INVALID_REQUEST);

    private final ErrorCategory category;

    PaymentErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
