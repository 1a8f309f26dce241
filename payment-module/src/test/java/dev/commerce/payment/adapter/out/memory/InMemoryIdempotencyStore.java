package dev.commerce.payment.adapter.out.memory;

import dev.commerce.payment.RecordedResponse;
import dev.commerce.payment.application.port.IdempotencyStore;
import dev.commerce.payment.domain.IdempotencyKey;
import dev.commerce.payment.domain.IdempotencyRecord;
import dev.commerce.payment.domain.IdempotencyState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The {@link IdempotencyStore} in a map: each change is one atomic {@code compute}, as each is one
 * conditional statement in PostgreSQL, so the same races resolve the same way.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private final Map<IdempotencyKey, IdempotencyRecord> records = new ConcurrentHashMap<>();
    private final InMemoryPaymentTransactions transactions;

    public InMemoryIdempotencyStore(InMemoryPaymentTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public boolean claim(IdempotencyRecord claimed) {
        boolean created = records.putIfAbsent(claimed.key(), claimed) == null;
        if (created) {
            transactions.onRollback(() -> records.remove(claimed.key(), claimed));
        }
        return created;
    }

    @Override
    public Optional<IdempotencyRecord> find(IdempotencyKey key) {
        return Optional.ofNullable(records.get(key));
    }

    @Override
    public boolean takeOver(IdempotencyKey key, String fingerprint, String newOwner, Instant now, Instant leaseUntil) {
        return update(key, record -> record.isFor(fingerprint) && record.canBeTakenOver(now),
                record -> record.takenOver(newOwner, leaseUntil));
    }

    @Override
    public boolean markUnknown(IdempotencyKey key, String owner, Instant now) {
        return update(key, ownedInProgress(owner), record -> record.unknown(now));
    }

    @Override
    public boolean complete(IdempotencyKey key, String owner, RecordedResponse response, String paymentId, Instant now) {
        return update(key, ownedInProgress(owner), record -> record.completed(response, paymentId, now));
    }

    @Override
    public boolean release(IdempotencyKey key, String owner) {
        AtomicBoolean removed = new AtomicBoolean();
        records.computeIfPresent(key, (k, record) -> {
            if (ownedInProgress(owner).test(record)) {
                removed.set(true);
                IdempotencyRecord before = record;
                transactions.onRollback(() -> records.putIfAbsent(k, before));
                return null;
            }
            return record;
        });
        return removed.get();
    }

    @Override
    public List<IdempotencyRecord> findUnsettled(Instant before, int limit) {
        return records.values().stream()
                .filter(record -> record.state() == IdempotencyState.UNKNOWN
                        || record.state() == IdempotencyState.IN_PROGRESS)
                .filter(record -> !record.leaseUntil().isAfter(before))
                .sorted(Comparator.comparing(IdempotencyRecord::leaseUntil))
                .limit(limit)
                .toList();
    }

    @Override
    public int deleteCompletedBefore(Instant cutoff) {
        int before = records.size();
        records.values().removeIf(record -> record.isCompleted() && record.completedAt().isBefore(cutoff));
        return before - records.size();
    }

    /** Stores a record as it is: for tests that set up what a crashed request left behind. */
    public void put(IdempotencyRecord record) {
        records.put(record.key(), record);
    }

    public int size() {
        return records.size();
    }

    private static Predicate<IdempotencyRecord> ownedInProgress(String owner) {
        return record -> record.state() == IdempotencyState.IN_PROGRESS && record.ownerToken().equals(owner);
    }

    private boolean update(IdempotencyKey key, Predicate<IdempotencyRecord> condition, UnaryOperator<IdempotencyRecord> change) {
        AtomicBoolean changed = new AtomicBoolean();
        records.computeIfPresent(key, (k, record) -> {
            if (!condition.test(record)) {
                return record;
            }
            changed.set(true);
            IdempotencyRecord after = change.apply(record);
            transactions.onRollback(() -> records.replace(k, after, record));
            return after;
        });
        return changed.get();
    }
}
