package dev.commerce.platform.idempotency;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@link IdempotentRequestStore} on {@code platform.idempotency_key}. Each method is one
 * statement, committed on its own: a claim is an {@code INSERT ... ON CONFLICT DO NOTHING} on the
 * primary key {@code (user_id, idempotency_key)}, every later change a conditional {@code UPDATE} or
 * {@code DELETE} naming the state and owner it expects. No row lock outlives its statement, and no
 * transaction spans the request.
 */
public class JdbcIdempotentRequestStore implements IdempotentRequestStore {

    private static final String COLUMNS = """
            user_id, idempotency_key, fingerprint, request_method, request_path, state, owner_token, lease_until,
            created_at, response_status, response_content_type, response_location, response_body""";

    private final JdbcClient jdbc;

    public JdbcIdempotentRequestStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(IdempotentRequest claimed) {
        return jdbc.sql("""
                INSERT INTO platform.idempotency_key
                    (user_id, idempotency_key, fingerprint, request_method, request_path, state, owner_token,
                     lease_until, created_at)
                VALUES (?, ?, ?, ?, ?, 'IN_PROGRESS', ?, ?, ?)
                ON CONFLICT (user_id, idempotency_key) DO NOTHING""")
                .params(claimed.userId(), claimed.key(), claimed.fingerprint(), claimed.method(), claimed.path(),
                        claimed.ownerToken(), Timestamp.from(claimed.leaseUntil()), Timestamp.from(claimed.createdAt()))
                .update() == 1;
    }

    @Override
    public Optional<IdempotentRequest> find(long userId, String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM platform.idempotency_key WHERE user_id = ? AND idempotency_key = ?")
                .params(userId, key)
                .query((rs, row) -> toRequest(rs))
                .optional();
    }

    @Override
    public boolean takeOver(long userId, String key, String fingerprint, String newOwner, Instant now,
            Instant leaseUntil) {
        return jdbc.sql("""
                UPDATE platform.idempotency_key SET owner_token = ?, lease_until = ?
                WHERE user_id = ? AND idempotency_key = ? AND fingerprint = ?
                  AND state = 'IN_PROGRESS' AND lease_until <= ?""")
                .params(newOwner, Timestamp.from(leaseUntil), userId, key, fingerprint, Timestamp.from(now))
                .update() == 1;
    }

    @Override
    public boolean complete(long userId, String key, String owner, StoredResponse response, Instant now) {
        return jdbc.sql("""
                UPDATE platform.idempotency_key
                SET state = 'COMPLETED', response_status = ?, response_content_type = ?, response_location = ?,
                    response_body = ?, completed_at = ?
                WHERE user_id = ? AND idempotency_key = ? AND owner_token = ? AND state = 'IN_PROGRESS'""")
                .params(response.status(), response.contentType(), response.location(), response.body(),
                        Timestamp.from(now), userId, key, owner)
                .update() == 1;
    }

    @Override
    public boolean release(long userId, String key, String owner) {
        return jdbc.sql("""
                DELETE FROM platform.idempotency_key
                WHERE user_id = ? AND idempotency_key = ? AND owner_token = ? AND state = 'IN_PROGRESS'""")
                .params(userId, key, owner)
                .update() == 1;
    }

    @Override
    public int deleteExpired(Instant cutoff) {
        Timestamp before = Timestamp.from(cutoff);
        return jdbc.sql("""
                DELETE FROM platform.idempotency_key
                WHERE (state = 'COMPLETED' AND completed_at < ?) OR (state = 'IN_PROGRESS' AND lease_until < ?)""")
                .params(before, before)
                .update();
    }

    private static IdempotentRequest toRequest(ResultSet rs) throws SQLException {
        IdempotentRequest.State state = IdempotentRequest.State.valueOf(rs.getString("state"));
        StoredResponse response = state == IdempotentRequest.State.COMPLETED
                ? new StoredResponse(rs.getInt("response_status"), rs.getString("response_content_type"),
                        rs.getString("response_location"), rs.getBytes("response_body"))
                : null;
        return new IdempotentRequest(rs.getLong("user_id"), rs.getString("idempotency_key"),
                rs.getString("fingerprint"), rs.getString("request_method"), rs.getString("request_path"), state,
                rs.getString("owner_token"), rs.getTimestamp("lease_until").toInstant(),
                rs.getTimestamp("created_at").toInstant(), response);
    }
}
