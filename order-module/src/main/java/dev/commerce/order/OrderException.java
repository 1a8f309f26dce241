package dev.commerce.order;

import dev.commerce.shared.DomainException;
import dev.commerce.shared.ErrorCode;
import java.time.Duration;

/**
 * A failure of the order module. Its code is an {@link OrderErrorCode}, or, when a recorded
 * refusal is replayed under its idempotency key, the code that was first reported.
 */
public class OrderException extends DomainException {

    private final boolean replayed;

    public OrderException(ErrorCode code, String message) {
        this(code, message, null, null, false);
    }

    private OrderException(ErrorCode code, String message, Duration retryAfter, Throwable cause, boolean replayed) {
        super(code, message, retryAfter, cause);
        this.replayed = replayed;
    }

    /** A refusal first reported to an earlier request with the same key, answered again. */
    public static OrderException replay(ErrorCode code, String message) {
        return new OrderException(code, message, null, null, true);
    }

    /** Whether this repeats the first answer to the same key ({@code Idempotent-Replayed: true}). */
    public boolean replayed() {
        return replayed;
    }

    public OrderException(ErrorCode code, String message, Duration retryAfter, Throwable cause) {
        this(code, message, retryAfter, cause, false);
    }

    public static OrderException invalidRequest(String message) {
        return new OrderException(OrderErrorCode.INVALID_REQUEST, message);
    }

    public static OrderException notFound(String orderId) {
        return new OrderException(OrderErrorCode.ORDER_NOT_FOUND, "No order " + orderId + ".");
    }
}
