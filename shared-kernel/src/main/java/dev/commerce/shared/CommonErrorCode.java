package dev.commerce.shared;

/** Codes that are not owned by any one module. */
public enum CommonErrorCode implements ErrorCode {
    INVALID_REQUEST(ErrorCategory.INVALID_REQUEST),
    UNAUTHENTICATED(ErrorCategory.UNAUTHENTICATED),
    FORBIDDEN(ErrorCategory.FORBIDDEN),
    RATE_LIMITED(ErrorCategory.RATE_LIMITED),
    NOT_FOUND(ErrorCategory.NOT_FOUND),
    METHOD_NOT_ALLOWED(ErrorCategory.INVALID_REQUEST),
    UNSUPPORTED_MEDIA_TYPE(ErrorCategory.INVALID_REQUEST),
    NOT_ACCEPTABLE(ErrorCategory.INVALID_REQUEST),
    PAYLOAD_TOO_LARGE(ErrorCategory.INVALID_REQUEST),
    SERVICE_UNAVAILABLE(ErrorCategory.UNAVAILABLE),
    INTERNAL_ERROR(ErrorCategory.INTERNAL);

    private final ErrorCategory category;

    CommonErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
