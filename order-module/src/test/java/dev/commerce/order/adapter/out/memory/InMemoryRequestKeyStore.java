package dev.commerce.order.adapter.out.memory;

import dev.commerce.order.application.port.KeyRecord;
import dev.commerce.order.application.port.RecordedOutcome;
import dev.commerce.order.application.port.RequestKey;
import dev.commerce.order.application.port.RequestKeyStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The {@link RequestKeyStore} in memory. */
public class InMemoryRequestKeyStore implements RequestKeyStore {

    private final Map<RequestKey, KeyRecord> records = new HashMap<>();
    private final Map<RequestKey, Instant> created = new HashMap<>();

    @Override
    public synchronized boolean claim(RequestKey key, String fingerprint, String owner, String resourceId, Instant now,
            Instant leaseUntil) {
        if (records.containsKey(key)) {
            return false;
        }
        records.put(key, new KeyRecord(fingerprint, owner, leaseUntil, resourceId, null));
        created.put(key, now);
        return true;
    }

    @Override
    public synchronized Optional<KeyRecord> find(RequestKey key) {
        return Optional.ofNullable(records.get(key));
    }

    @Override
    public synchronized boolean takeOver(RequestKey key, String newOwner, Instant now, Instant leaseUntil) {
        KeyRecord record = records.get(key);
        if (record == null || record.isCompleted() || now.isBefore(record.leaseUntil())) {
            return false;
        }
        records.put(key, new KeyRecord(record.fingerprint(), newOwner, leaseUntil, record.resourceId(), null));
        return true;
    }

    @Override
    public synchronized boolean complete(RequestKey key, String owner, RecordedOutcome outcome, Instant now) {
        KeyRecord record = records.get(key);
        if (record == null || record.isCompleted() || !record.owner().equals(owner)) {
            return false;
        }
        records.put(key, new KeyRecord(record.fingerprint(), owner, record.leaseUntil(), record.resourceId(), outcome));
        return true;
    }

    @Override
    public synchronized boolean release(RequestKey key, String owner) {
        KeyRecord record = records.get(key);
        if (record == null || record.isCompleted() || !record.owner().equals(owner)) {
            return false;
        }
        records.remove(key);
        created.remove(key);
        return true;
    }

    @Override
    public synchronized boolean forgetAbandoned(RequestKey key, String resourceId) {
        KeyRecord record = records.get(key);
        if (record == null || record.isCompleted() || !record.resourceId().equals(resourceId)) {
            return false;
        }
        records.remove(key);
        created.remove(key);
        return true;
    }

    @Override
    public synchronized int deleteCreatedBefore(Instant cutoff) {
        int before = records.size();
        created.entrySet().removeIf(entry -> {
            boolean old = entry.getValue().isBefore(cutoff);
            if (old) {
                records.remove(entry.getKey());
            }
            return old;
        });
        return before - records.size();
    }
}
