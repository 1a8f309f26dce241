package dev.commerce.order.application.port;

/** A client's {@code Idempotency-Key} within the user who sent it: keys belong to the caller. */
public record RequestKey(long userId, String value) {
}
