package dev.commerce.platform.idempotency;

import java.time.Instant;
import java.util.Optional;

/**
 * Where keys are claimed and responses recorded. Every method is one atomic statement; every
 * change after the claim names the owner token it expects, so a request whose key was taken over
 * after its lease (a stale owner) changes nothing.
 */
public interface IdempotentRequestStore {

    /** Inserts {@code claimed} ({@code IN_PROGRESS}) unless the caller's key exists; true if inserted. */
    boolean claim(IdempotentRequest claimed);

    Optional<IdempotentRequest> find(long userId, String key);

    /**
     * Gives a key left {@code IN_PROGRESS} past its lease (by a crashed or stuck request) to
     * {@code newOwner}, if its fingerprint matches and its lease ended by {@code now}.
     */
    boolean takeOver(long userId, String key, String fingerprint, String newOwner, Instant now, Instant leaseUntil);

    /** Records the response of the key's current owner; false if {@code owner} no longer owns it. */
    boolean complete(long userId, String key, String owner, StoredResponse response, Instant now);

    /** Forgets a key its owner did not complete, so that a retry runs again; false if not the owner. */
    boolean release(long userId, String key, String owner);

    /** Forgets keys completed before {@code cutoff}, and keys left in progress whose lease ended before it. */
    int deleteExpired(Instant cutoff);
}
