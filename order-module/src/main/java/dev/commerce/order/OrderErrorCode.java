package dev.commerce.order;

import dev.commerce.shared.ErrorCategory;
import dev.commerce.shared.ErrorCode;

/**
 * The stable codes the order module reports. Some carry the same names as the modules the order
 * reaches (stock, prices, coupons, the gateway), because clients read the same meaning.
 */
public enum OrderErrorCode implements ErrorCode {
    ORDER_NOT_FOUND(ErrorCategory.NOT_FOUND),
    /** Already paid, cancelled or expired, or too close to its expiry to be charged safely. */
    ORDER_NOT_PAYABLE(ErrorCategory.CONFLICT),
    /** Not awaiting payment, or a payment of it is running. */
    ORDER_NOT_CANCELLABLE(ErrorCategory.CONFLICT),
    PRODUCT_NOT_FOUND(ErrorCategory.NOT_FOUND),
    PRICE_NOT_SET(ErrorCategory.CONFLICT),
    INSUFFICIENT_STOCK(ErrorCategory.CONFLICT),
    COUPON_NOT_HELD(ErrorCategory.CONFLICT),
    COUPON_ALREADY_REDEEMED(ErrorCategory.CONFLICT),
    PAYMENT_DECLINED(ErrorCategory.DECLINED),
    IDEMPOTENCY_KEY_MISSING(ErrorCategory.INVALID_REQUEST),
    IDEMPOTENCY_KEY_INVALID(ErrorCategory.INVALID_REQUEST),
    IDEMPOTENCY_REQUEST_IN_PROGRESS(ErrorCategory.CONFLICT),
    IDEMPOTENCY_KEY_REUSED(ErrorCategory.UNPROCESSABLE),
    GATEWAY_UNAVAILABLE(ErrorCategory.UPSTREAM_FAILED),
    GATEWAY_TIMEOUT(ErrorCategory.UPSTREAM_TIMEOUT),
    /** Stock rows were busy beyond the lock timeout; retrying may succeed. */
    LOCK_TIMEOUT(ErrorCategory.UNAVAILABLE),
    INVALID_REQUEST(ErrorCategory.INVALID_REQUEST);

    private final ErrorCategory category;

    OrderErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
