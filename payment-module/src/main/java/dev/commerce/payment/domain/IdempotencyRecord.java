package dev.commerce.payment.domain;

import dev.commerce.payment.RecordedResponse;
import java.time.Instant;
import java.util.Objects;

/**
 * What is stored under one idempotency key.
 *
 * @param key            the client's key within its user
 * @param fingerprint    SHA-256 of the canonical request first sent with the key
 * @param state          where the request stands
 * @param ownerToken     a fresh token per claim or take-over: only the current owner may complete
 *                       or release the key, so a request that lost its lease cannot overwrite
 *                       the work of the one that took over
 * @param leaseUntil     until when the owner of an {@code IN_PROGRESS} key is presumed alive; for
 *                       {@code UNKNOWN} keys, since when the outcome is unknown
 * @param responseStatus the recorded status once {@code COMPLETED}, else 0
 * @param responseBody   the recorded body once {@code COMPLETED}, else null
 * @param paymentId      the payment once {@code COMPLETED}, else null
 * @param createdAt      when the key was first claimed
 * @param completedAt    when the response was recorded, else null
 */
public record IdempotencyRecord(
        IdempotencyKey key, String fingerprint, IdempotencyState state, String ownerToken, Instant leaseUntil,
        int responseStatus, String responseBody, String paymentId, Instant createdAt, Instant completedAt) {

    public IdempotencyRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        if (state == IdempotencyState.COMPLETED && responseBody == null) {
            throw new IllegalArgumentException("a completed key records its response");
        }
    }

    /** A freshly claimed key. */
    public static IdempotencyRecord claimed(IdempotencyKey key, String fingerprint, String ownerToken, Instant now,
            Instant leaseUntil) {
        return new IdempotencyRecord(key, fingerprint, IdempotencyState.IN_PROGRESS, ownerToken, leaseUntil,
                0, null, null, now, null);
    }

    public boolean isFor(String otherFingerprint) {
        return fingerprint.equals(otherFingerprint);
    }

    public boolean isCompleted() {
        return state == IdempotencyState.COMPLETED;
    }

    /** An unknown outcome, or a request whose lease ran out (it crashed or hangs): another may settle it. */
    public boolean canBeTakenOver(Instant now) {
        return state == IdempotencyState.UNKNOWN
                || (state == IdempotencyState.IN_PROGRESS && !now.isBefore(leaseUntil));
    }

    /** The recorded response, marked as a replay. */
    public RecordedResponse replay() {
        if (!isCompleted()) {
            throw new IllegalStateException("key " + key + " has no recorded response");
        }
        return new RecordedResponse(responseStatus, responseBody, true);
    }

    public IdempotencyRecord takenOver(String newOwner, Instant newLeaseUntil) {
        return new IdempotencyRecord(key, fingerprint, IdempotencyState.IN_PROGRESS, newOwner, newLeaseUntil,
                0, null, null, createdAt, null);
    }

    public IdempotencyRecord unknown(Instant since) {
        return new IdempotencyRecord(key, fingerprint, IdempotencyState.UNKNOWN, ownerToken, since,
                0, null, null, createdAt, null);
    }

    public IdempotencyRecord completed(RecordedResponse response, String completedPaymentId, Instant now) {
        return new IdempotencyRecord(key, fingerprint, IdempotencyState.COMPLETED, ownerToken, leaseUntil,
                response.status(), response.body(), completedPaymentId, createdAt, now);
    }
}
