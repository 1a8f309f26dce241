package dev.commerce.payment.adapter.out.persistence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.commerce.payment.RecordedResponse;
import dev.commerce.payment.application.port.IdempotencyStore;
import dev.commerce.payment.domain.IdempotencyKey;
import dev.commerce.payment.domain.IdempotencyRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link IdempotencyStore} that remembers {@code COMPLETED} keys in memory, so that a replay is
 * answered without a database round trip. Safe because a completed key never changes again: every
 * other write is conditional on {@code IN_PROGRESS} or {@code UNKNOWN}; the only thing that ends
 * it is the sweep after the retention time, and a cached key expires at that same moment (its
 * completion time plus the retention), on every instance, without any instance telling another.
 * Bounded in size (least recently used keys are dropped first, and then read from the store).
 */
final class CompletedKeyCache implements IdempotencyStore {

    private final IdempotencyStore store;
    private final Clock clock;
    private final Duration retention;
    // keyed by user and key, as the store is: one user's completed key never answers another's
    private final Cache<IdempotencyKey, IdempotencyRecord> completed;

    CompletedKeyCache(IdempotencyStore store, Clock clock, Duration retention, long maximumSize) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.completed = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(Expiry.creating((IdempotencyKey key, IdempotencyRecord record) -> remainingLife(record)))
                .build();
    }

    private Duration remainingLife(IdempotencyRecord record) {
        Instant completedAt = record.completedAt() == null ? clock.instant() : record.completedAt();
        Duration left = Duration.between(clock.instant(), completedAt.plus(retention));
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public boolean claim(IdempotencyRecord claimed) {
        // a completed key is never claimed again: answer as the store would, without asking it
        return completed.getIfPresent(claimed.key()) == null && store.claim(claimed);
    }

    @Override
    public Optional<IdempotencyRecord> find(IdempotencyKey key) {
        IdempotencyRecord cached = completed.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<IdempotencyRecord> found = store.find(key);
        found.filter(IdempotencyRecord::isCompleted).ifPresent(record -> completed.put(key, record));
        return found;
    }

    @Override
    public boolean takeOver(IdempotencyKey key, String fingerprint, String newOwner, Instant now, Instant leaseUntil) {
        return store.takeOver(key, fingerprint, newOwner, now, leaseUntil);
    }

    @Override
    public boolean markUnknown(IdempotencyKey key, String owner, Instant now) {
        return store.markUnknown(key, owner, now);
    }

    @Override
    public boolean complete(IdempotencyKey key, String owner, RecordedResponse response, String paymentId,
            Instant now) {
        return store.complete(key, owner, response, paymentId, now);
    }

    @Override
    public boolean release(IdempotencyKey key, String owner) {
        return store.release(key, owner);
    }

    @Override
    public List<IdempotencyRecord> findUnsettled(Instant before, int limit) {
        return store.findUnsettled(before, limit);
    }

    @Override
    public int deleteCompletedBefore(Instant cutoff) {
        int deleted = store.deleteCompletedBefore(cutoff);
        completed.asMap().values().removeIf(record -> record.completedAt() != null && record.completedAt().isBefore(cutoff));
        return deleted;
    }

    /** How many completed keys are held in memory now (approximate); a seam for this package's tests. */
    long size() {
        return completed.estimatedSize();
    }
}
