package dev.commerce.platform.idempotency;

import dev.commerce.shared.ErrorCategory;
import dev.commerce.shared.ErrorCode;

/** The codes of the idempotency filter: the same names, statuses and meaning as the payment module's. */
public enum IdempotencyErrorCode implements ErrorCode {
    /** 400: the key is empty, longer than 255 characters or not printable ASCII. */
    IDEMPOTENCY_KEY_INVALID(ErrorCategory.INVALID_REQUEST),
    /** 422: the key names an earlier request with another method, path or body. */
    IDEMPOTENCY_KEY_REUSED(ErrorCategory.UNPROCESSABLE),
    /** 409: the request the key names is still running; retry later. */
    IDEMPOTENCY_REQUEST_IN_PROGRESS(ErrorCategory.CONFLICT);

    private final ErrorCategory category;

    IdempotencyErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
