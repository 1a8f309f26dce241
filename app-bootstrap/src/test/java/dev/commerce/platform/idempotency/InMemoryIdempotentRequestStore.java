package dev.commerce.platform.idempotency;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The store's contract in memory, one atomic map operation per method: a fake for the decision tests. */
final class InMemoryIdempotentRequestStore implements IdempotentRequestStore {

    record Id(long userId, String key) {
    }

    final Map<Id, IdempotentRequest> rows = new ConcurrentHashMap<>();
    final Map<Id, Instant> completedAt = new ConcurrentHashMap<>();

    @Override
    public boolean claim(IdempotentRequest claimed) {
        return rows.putIfAbsent(new Id(claimed.userId(), claimed.key()), claimed) == null;
    }

    @Override
    public Optional<IdempotentRequest> find(long userId, String key) {
        return Optional.ofNullable(rows.get(new Id(userId, key)));
    }

    @Override
    public boolean takeOver(long userId, String key, String fingerprint, String newOwner, Instant now,
            Instant leaseUntil) {
        boolean[] done = {false};
        rows.computeIfPresent(new Id(userId, key), (id, row) -> {
            if (row.fingerprint().equals(fingerprint) && row.state() == IdempotentRequest.State.IN_PROGRESS
                    && !row.leaseUntil().isAfter(now)) {
                done[0] = true;
                return new IdempotentRequest(userId, key, fingerprint, row.method(), row.path(), row.state(), newOwner,
                        leaseUntil, row.createdAt(), null);
            }
            return row;
        });
        return done[0];
    }

    @Override
    public boolean complete(long userId, String key, String owner, StoredResponse response, Instant now) {
        boolean[] done = {false};
        rows.computeIfPresent(new Id(userId, key), (id, row) -> {
            if (row.ownerToken().equals(owner) && row.state() == IdempotentRequest.State.IN_PROGRESS) {
                done[0] = true;
                completedAt.put(id, now);
                return new IdempotentRequest(userId, key, row.fingerprint(), row.method(), row.path(),
                        IdempotentRequest.State.COMPLETED, owner, row.leaseUntil(), row.createdAt(), response);
            }
            return row;
        });
        return done[0];
    }

    @Override
    public boolean release(long userId, String key, String owner) {
        boolean[] done = {false};
        rows.computeIfPresent(new Id(userId, key), (id, row) -> {
            if (row.ownerToken().equals(owner) && row.state() == IdempotentRequest.State.IN_PROGRESS) {
                done[0] = true;
                return null;
            }
            return row;
        });
        return done[0];
    }

    @Override
    public int deleteExpired(Instant cutoff) {
        int before = rows.size();
        rows.entrySet().removeIf(entry -> entry.getValue().state() == IdempotentRequest.State.COMPLETED
                ? completedAt.get(entry.getKey()).isBefore(cutoff)
                : entry.getValue().leaseUntil().isBefore(cutoff));
        return before - rows.size();
    }
}
