package dev.commerce.order.application.port;

import java.time.Instant;
import java.util.Optional;

/**
 * The order module's idempotency keys (placing and paying orders). Every change is one atomic,
 * conditional write; changes naming an owner do nothing when another request took the key over.
 */
public interface RequestKeyStore {

    /** Stores a new in-progress record for {@code key}; false if the key exists (left unchanged). */
    boolean claim(RequestKey key, String fingerprint, String owner, String resourceId, Instant now, Instant leaseUntil);

    Optional<KeyRecord> find(RequestKey key);

    /** Gives an uncompleted key whose lease ended by {@code now} to {@code newOwner}; at most one caller wins. */
    boolean takeOver(RequestKey key, String newOwner, Instant now, Instant leaseUntil);

    /** Records the first answer, if {@code owner} still holds the key. */
    boolean complete(RequestKey key, String owner, RecordedOutcome outcome, Instant now);

    /** Forgets an uncompleted key (the request may be repeated afresh), if {@code owner} still holds it. */
    boolean release(RequestKey key, String owner);

    /**
     * Forgets an uncompleted key whatever its owner, if it still works on {@code resourceId}: the
     * request died and what it took was given back, so a retry starts afresh.
     */
    boolean forgetAbandoned(RequestKey key, String resourceId);

    /** Deletes keys created before {@code cutoff}; returns how many. */
    int deleteCreatedBefore(Instant cutoff);
}
