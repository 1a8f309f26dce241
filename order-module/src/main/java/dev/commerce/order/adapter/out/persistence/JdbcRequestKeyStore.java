package dev.commerce.order.adapter.out.persistence;

import static dev.commerce.order.adapter.out.persistence.JdbcOrderRepository.ts;

import dev.commerce.order.application.port.KeyRecord;
import dev.commerce.order.application.port.RecordedOutcome;
import dev.commerce.order.application.port.RequestKey;
import dev.commerce.order.application.port.RequestKeyStore;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Request keys in {@code orders.request_key}; the first answer is kept as JSON. */
class JdbcRequestKeyStore implements RequestKeyStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcRequestKeyStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public boolean claim(RequestKey key, String fingerprint, String owner, String resourceId, Instant now,
            Instant leaseUntil) {
        return jdbc.sql("INSERT INTO orders.request_key (user_id, key, fingerprint, owner, lease_until, resource_id,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(key.userId(), key.value(), fingerprint, owner, ts(leaseUntil), resourceId, ts(now))
                .update() == 1;
    }

    @Override
    public Optional<KeyRecord> find(RequestKey key) {
        return jdbc.sql("SELECT fingerprint, owner, lease_until, resource_id, outcome FROM orders.request_key"
                        + " WHERE user_id = ? AND key = ?")
                .params(key.userId(), key.value())
                .query((rs, n) -> {
                    String outcome = rs.getString("outcome");
                    return new KeyRecord(rs.getString("fingerprint"), rs.getString("owner"),
                            rs.getTimestamp("lease_until").toInstant(), rs.getString("resource_id"),
                            outcome == null ? null : json.readValue(outcome, RecordedOutcome.class));
                })
                .optional();
    }

    @Override
    public boolean takeOver(RequestKey key, String newOwner, Instant now, Instant leaseUntil) {
        return jdbc.sql("UPDATE orders.request_key SET owner = ?, lease_until = ? WHERE user_id = ? AND key = ?"
                        + " AND outcome IS NULL AND lease_until <= ?")
                .params(newOwner, ts(leaseUntil), key.userId(), key.value(), ts(now))
                .update() == 1;
    }

    @Override
    public boolean complete(RequestKey key, String owner, RecordedOutcome outcome, Instant now) {
        return jdbc.sql("UPDATE orders.request_key SET outcome = ?, completed_at = ? WHERE user_id = ? AND key = ?"
                        + " AND owner = ? AND outcome IS NULL")
                .params(json.writeValueAsString(outcome), ts(now), key.userId(), key.value(), owner)
                .update() == 1;
    }

    @Override
    public boolean release(RequestKey key, String owner) {
        return jdbc.sql("DELETE FROM orders.request_key WHERE user_id = ? AND key = ? AND owner = ? AND outcome IS NULL")
                .params(key.userId(), key.value(), owner)
                .update() == 1;
    }

    @Override
    public boolean forgetAbandoned(RequestKey key, String resourceId) {
        return jdbc.sql("DELETE FROM orders.request_key WHERE user_id = ? AND key = ? AND resource_id = ?"
                        + " AND outcome IS NULL")
                .params(key.userId(), key.value(), resourceId)
                .update() == 1;
    }

    @Override
    public int deleteCreatedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM orders.request_key WHERE created_at < ?").param(ts(cutoff)).update();
    }
}
