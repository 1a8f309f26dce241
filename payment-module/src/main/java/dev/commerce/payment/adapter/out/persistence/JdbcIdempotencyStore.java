package dev.commerce.payment.adapter.out.persistence;

import dev.commerce.payment.RecordedResponse;
import dev.commerce.payment.application.port.IdempotencyStore;
import dev.commerce.payment.domain.IdempotencyKey;
import dev.commerce.payment.domain.IdempotencyRecord;
import dev.commerce.payment.domain.IdempotencyState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@link IdempotencyStore} on {@code payment.idempotency_key}. Each method is one statement,
 * committed on its own unless a caller's transaction is open: a claim is an {@code INSERT ... ON
 * CONFLICT DO NOTHING} on the primary key ({@code user_id, idempotency_key}), every later change a
 * conditional {@code UPDATE} or {@code DELETE} that names the key, state and owner it expects. No
 * row lock outlives its statement.
 */
public class JdbcIdempotencyStore implements IdempotencyStore {

    private static final String COLUMNS = """
            user_id, idempotency_key, fingerprint, state, owner_token, lease_until, response_status, response_body,
            payment_id, created_at, completed_at""";

    private final JdbcClient jdbc;

    public JdbcIdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(IdempotencyRecord claimed) {
        return jdbc.sql("""
                INSERT INTO payment.idempotency_key
                    (user_id, idempotency_key, fingerprint, state, owner_token, lease_until, created_at)
                VALUES (?, ?, ?, 'IN_PROGRESS', ?, ?, ?)
                ON CONFLICT (user_id, idempotency_key) DO NOTHING""")
                .params(claimed.key().userId(), claimed.key().value(), claimed.fingerprint(), claimed.ownerToken(),
                        Timestamp.from(claimed.leaseUntil()), Timestamp.from(claimed.createdAt()))
                .update() == 1;
    }

    @Override
    public Optional<IdempotencyRecord> find(IdempotencyKey key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment.idempotency_key WHERE user_id = ? AND idempotency_key = ?")
                .params(key.userId(), key.value())
                .query((rs, row) -> toRecord(rs))
                .optional();
    }

    @Override
    public boolean takeOver(IdempotencyKey key, String fingerprint, String newOwner, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                UPDATE payment.idempotency_key
                SET state = 'IN_PROGRESS', owner_token = ?, lease_until = ?
                WHERE user_id = ? AND idempotency_key = ? AND fingerprint = ?
                  AND (state = 'UNKNOWN' OR (state = 'IN_PROGRESS' AND lease_until <= ?))""")
                .params(newOwner, Timestamp.from(leaseUntil), key.userId(), key.value(), fingerprint,
                        Timestamp.from(now))
                .update() == 1;
    }

    @Override
    public boolean markUnknown(IdempotencyKey key, String owner, Instant now) {
        return jdbc.sql("""
                UPDATE payment.idempotency_key SET state = 'UNKNOWN', lease_until = ?
                WHERE user_id = ? AND idempotency_key = ? AND owner_token = ? AND state = 'IN_PROGRESS'""")
                .params(Timestamp.from(now), key.userId(), key.value(), owner)
                .update() == 1;
    }

    @Override
    public boolean complete(IdempotencyKey key, String owner, RecordedResponse response, String paymentId,
            Instant now) {
        return jdbc.sql("""
                UPDATE payment.idempotency_key
                SET state = 'COMPLETED', response_status = ?, response_body = ?, payment_id = ?, completed_at = ?
                WHERE user_id = ? AND idempotency_key = ? AND owner_token = ? AND state = 'IN_PROGRESS'""")
                .params(response.status(), response.body(), paymentId, Timestamp.from(now), key.userId(), key.value(),
                        owner)
                .update() == 1;
    }

    @Override
    public boolean release(IdempotencyKey key, String owner) {
        return jdbc.sql("""
                DELETE FROM payment.idempotency_key
                WHERE user_id = ? AND idempotency_key = ? AND owner_token = ? AND state = 'IN_PROGRESS'""")
                .params(key.userId(), key.value(), owner)
                .update() == 1;
    }

    @Override
    public List<IdempotencyRecord> findUnsettled(Instant before, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM payment.idempotency_key
                WHERE state <> 'COMPLETED' AND lease_until <= ?
                ORDER BY lease_until
                LIMIT ?""")
                .params(Timestamp.from(before), limit)
                .query((rs, row) -> toRecord(rs))
                .list();
    }

    @Override
    public int deleteCompletedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM payment.idempotency_key WHERE state = 'COMPLETED' AND completed_at < ?")
                .param(Timestamp.from(cutoff))
                .update();
    }

    private static IdempotencyRecord toRecord(ResultSet rs) throws SQLException {
        Timestamp completedAt = rs.getTimestamp("completed_at");
        return new IdempotencyRecord(new IdempotencyKey(rs.getLong("user_id"), rs.getString("idempotency_key")),
                rs.getString("fingerprint"),
                IdempotencyState.valueOf(rs.getString("state")), rs.getString("owner_token"),
                rs.getTimestamp("lease_until").toInstant(), rs.getInt("response_status"), rs.getString("response_body"),
                rs.getString("payment_id"), rs.getTimestamp("created_at").toInstant(),
                completedAt == null ? null : completedAt.toInstant());
    }
}
