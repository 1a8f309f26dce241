package dev.commerce.order;

import java.util.Objects;

/**
 * The answer to an order request made under an idempotency key.
 *
 * @param status   the HTTP status of the first answer (201)
 * @param order    the order as it was first answered
 * @param replayed whether this repeats the first answer to the same key
 */
public record OrderResponse(int status, OrderView order, boolean replayed) {

    public OrderResponse {
        Objects.requireNonNull(order, "order");
    }
}
