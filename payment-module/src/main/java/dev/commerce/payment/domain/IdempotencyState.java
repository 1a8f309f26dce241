package dev.commerce.payment.domain;

/** Where the request holding an idempotency key stands. */
public enum IdempotencyState {
    /** A request claimed the key and is working on it until its lease ends. */
    IN_PROGRESS,
    /** The gateway was asked to charge but its answer was lost (time-out or 5xx); ask it by key. */
    UNKNOWN,
    /** The response is recorded and is replayed to every later request with the key. */
    COMPLETED
}
