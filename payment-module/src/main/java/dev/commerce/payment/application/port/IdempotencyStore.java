package dev.commerce.payment.application.port;

import dev.commerce.payment.RecordedResponse;
import dev.commerce.payment.domain.IdempotencyKey;
import dev.commerce.payment.domain.IdempotencyRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores idempotency keys. Every state change is one atomic, conditional write: no lock or
 * transaction is held between calls, so none is open while the gateway is called. Changes that
 * need the current owner ({@code ownerToken}) do nothing, and return {@code false}, when another
 * request has taken the key over in the meantime. A key is its user and value together: the same
 * value of two users is two keys that never affect each other.
 */
public interface IdempotencyStore {

    /**
     * Stores {@code claimed} (state {@code IN_PROGRESS}) if no record exists for its key.
     *
     * @return true if this call created the record; false if the key was already there (the
     *         existing record is left unchanged)
     */
    boolean claim(IdempotencyRecord claimed);

    Optional<IdempotencyRecord> find(IdempotencyKey key);

    /**
     * Gives the key to {@code newOwner} with a fresh lease, if its outcome is {@code UNKNOWN} or
     * it is {@code IN_PROGRESS} with {@code leaseUntil <= now}, and it has {@code fingerprint}.
     * Of several concurrent callers at most one succeeds.
     */
    boolean takeOver(IdempotencyKey key, String fingerprint, String newOwner, Instant now, Instant leaseUntil);

    /** The gateway's answer was lost: marks the key {@code UNKNOWN} since {@code now}, if still owned. */
    boolean markUnknown(IdempotencyKey key, String owner, Instant now);

    /** Records the response and the payment, state {@code COMPLETED}, if still owned. */
    boolean complete(IdempotencyKey key, String owner, RecordedResponse response, String paymentId, Instant now);

    /** Forgets a key that surely charged nothing, so the next request starts afresh; if still owned. */
    boolean release(IdempotencyKey key, String owner);

    /**
     * Keys that need settling: {@code UNKNOWN}, or {@code IN_PROGRESS} with an expired lease, in
     * both cases with {@code leaseUntil <= before}; oldest first, at most {@code limit}.
     */
    List<IdempotencyRecord> findUnsettled(Instant before, int limit);

    /** Deletes {@code COMPLETED} keys completed before {@code cutoff}; returns how many. */
    int deleteCompletedBefore(Instant cutoff);
}
