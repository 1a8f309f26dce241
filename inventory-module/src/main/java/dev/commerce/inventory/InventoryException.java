package dev.commerce.inventory;

import dev.commerce.shared.DomainException;
import java.time.Duration;

/** A failure of the inventory module, reported to clients by its {@link InventoryErrorCode}. */
public class InventoryException extends DomainException {

    public InventoryException(InventoryErrorCode code, String message) {
        super(code, message);
    }

    public InventoryException(InventoryErrorCode code, String message, Duration retryAfter, Throwable cause) {
        super(code, message, retryAfter, cause);
    }

    @Override
    public InventoryErrorCode code() {
        return (InventoryErrorCode) super.code();
    }

    /** A request of the wrong shape: reported as {@code INVALID_REQUEST} and changes nothing. */
    public static InventoryException invalidRequest(String message) {
        return new InventoryException(InventoryErrorCode.INVALID_REQUEST, message);
    }
}
