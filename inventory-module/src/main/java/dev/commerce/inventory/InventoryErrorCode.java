package dev.commerce.inventory;

import dev.commerce.shared.ErrorCategory;
import dev.commerce.shared.ErrorCode;

/** The stable codes the inventory module reports; clients depend on these names. */
public enum InventoryErrorCode implements ErrorCode {
    /** The SKU does not exist; for a price, also a SKU that has none. */
    PRODUCT_NOT_FOUND(ErrorCategory.NOT_FOUND),
    /** A line asks for more than is available; nothing was reserved. */
    INSUFFICIENT_STOCK(ErrorCategory.CONFLICT),
    /** On-hand stock may not drop below what is already reserved. */
    STOCK_BELOW_RESERVED(ErrorCategory.CONFLICT),
    RESERVATION_NOT_FOUND(ErrorCategory.NOT_FOUND),
    /** The reservation was already confirmed, cancelled or expired. */
    RESERVATION_NOT_PENDING(ErrorCategory.CONFLICT),
    INVALID_REQUEST(ErrorCategory.INVALID_REQUEST),
    /** The {@code Idempotency-Key} of a reservation request is malformed (the payment rules). */
    IDEMPOTENCY_KEY_INVALID(ErrorCategory.INVALID_REQUEST),
    /** The request key names one of the caller's reservations for another order id or other lines. */
    IDEMPOTENCY_KEY_REUSED(ErrorCategory.UNPROCESSABLE),
    /** A stock row lock could not be taken within the lock timeout; retrying may succeed. */
    LOCK_TIMEOUT(ErrorCategory.UNAVAILABLE);

    private final ErrorCategory category;

    InventoryErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
