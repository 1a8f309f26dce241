package dev.commerce.platform.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The decisions of the idempotency rules (API.md, "Payments" and "Idempotency of every POST"),
 * free of HTTP: whether a request with a key runs, is answered with the recorded response, is
 * refused as a reused key (422) or as in progress (409); and, once it ran, whether its response is
 * recorded for replay or the key released for a retry.
 *
 * <p><b>The crash window.</b> The business change (a reservation, an issued coupon) commits before
 * its response is recorded here, in a separate statement. A process that dies between the two
 * leaves the key {@code IN_PROGRESS}: retries are answered 409 until the lease ends, then the first
 * retry takes the key over and runs the request again. For a coupon issue that is still exact (the
 * unique (coupon, user) constraint answers 409 {@code COUPON_ALREADY_ISSUED}, which is then the
 * recorded answer); a cancel or confirm answers 409 {@code RESERVATION_NOT_PENDING}; a new
 * reservation is found by its request key ({@code http:} + the key, stored with the reservation in
 * the transaction that takes its stock) and answered again, not placed a second time; but a coupon
 * is created a second time. Only a crash, or a recording that fails in a live process, opens this
 * window (ADR 12).
 */
public final class IdempotencyGate {

    /** A short hint: requests normally take milliseconds; a crashed owner is found after the lease. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /** Responses that are not the request's outcome but a refusal before it ran, or a transient failure. */
    private static final Set<Integer> NOT_RECORDED_4XX = Set.of(
            400, // malformed: nothing ran (as for payments, "nothing is stored for a 400")
            401, 403, // who is calling: refused before the request ran
            408, 413, 415, 429); // transient or refused at the edge

    private static final int CLAIM_ATTEMPTS = 3;

    private final IdempotentRequestStore store;
    private final Clock clock;
    private final Duration lease;

    public IdempotencyGate(IdempotentRequestStore store, Clock clock, Duration lease) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    /** What to do with a request that carries a (valid) key. */
    public sealed interface Decision {
    }

    /** Run the request; then {@link #finish} the ticket. */
    public record Proceed(Ticket ticket) implements Decision {
    }

    /** Answer with the first response again, with {@code Idempotent-Replayed: true}. */
    public record Replay(StoredResponse response) implements Decision {
    }

    /** 422: the key names another request (method, path or body). */
    public record Reused() implements Decision {
    }

    /** 409 with {@code Retry-After}: the request the key names is still running. */
    public record InProgress(Duration retryAfter) implements Decision {
    }

    /** The claim a running request holds. */
    public record Ticket(long userId, String key, String ownerToken) {
    }

    public Decision begin(long userId, String key, String fingerprint, String method, String path) {
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            String owner = UUID.randomUUID().toString();
            if (store.claim(new IdempotentRequest(userId, key, fingerprint, method, path,
                    IdempotentRequest.State.IN_PROGRESS, owner, now.plus(lease), now, null))) {
                return new Proceed(new Ticket(userId, key, owner));
            }
            Optional<IdempotentRequest> found = store.find(userId, key);
            if (found.isEmpty()) {
                continue; // released or swept in between: claim again
            }
            IdempotentRequest existing = found.get();
            if (!existing.fingerprint().equals(fingerprint)) {
                return new Reused();
            }
            if (existing.state() == IdempotentRequest.State.COMPLETED) {
                return new Replay(existing.response());
            }
            if (existing.leaseUntil().isAfter(now)) {
                return new InProgress(RETRY_AFTER);
            }
            if (store.takeOver(userId, key, fingerprint, owner, now, now.plus(lease))) {
                return new Proceed(new Ticket(userId, key, owner));
            }
            // another retry took it over first, or it completed meanwhile: look again
        }
        return new InProgress(RETRY_AFTER);
    }

    /**
     * After the request ran: records a final outcome for replay, or releases the key so that a
     * retry runs again. Returns true if the response was recorded; false if the key was released,
     * or if this request no longer owned it (its lease ended and a retry took it over).
     */
    public boolean finish(Ticket ticket, StoredResponse response) {
        if (isRecorded(response.status())) {
            return store.complete(ticket.userId(), ticket.key(), ticket.ownerToken(), response, clock.instant());
        }
        store.release(ticket.userId(), ticket.key(), ticket.ownerToken());
        return false;
    }

    /** Releases the key of a request that failed without a response (an exception). */
    public void abandon(Ticket ticket) {
        store.release(ticket.userId(), ticket.key(), ticket.ownerToken());
    }

    /**
     * The outcomes a retry must see again: successes and the request's own refusals (409
     * {@code INSUFFICIENT_STOCK}, 404, ...). Not a malformed request, a refusal of the caller, a
     * rate limit or any 5xx ({@code LOCK_TIMEOUT}, a database outage): a retry runs again.
     */
    static boolean isRecorded(int status) {
        return (status >= 200 && status < 300) || (status >= 400 && status < 500 && !NOT_RECORDED_4XX.contains(status));
    }
}
