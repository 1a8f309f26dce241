package dev.commerce.platform.idempotency;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code platform.idempotency_key}: the request a caller's key names, and once it has
 * completed its response.
 *
 * @param response null while {@link State#IN_PROGRESS}
 */
public record IdempotentRequest(long userId, String key, String fingerprint, String method, String path,
        State state, String ownerToken, Instant leaseUntil, Instant createdAt, StoredResponse response) {

    /** Where a key stands. */
    public enum State {
        /** Claimed by the request of {@code ownerToken}, presumed alive until {@code leaseUntil}. */
        IN_PROGRESS,
        /** Answered: the response is replayed to every retry. */
        COMPLETED
    }

    public IdempotentRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(state, "state");
        if ((state == State.COMPLETED) != (response != null)) {
            throw new IllegalArgumentException("a completed key, and only a completed key, has a response");
        }
    }
}
