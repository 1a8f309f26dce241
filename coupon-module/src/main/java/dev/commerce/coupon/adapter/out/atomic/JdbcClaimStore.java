package dev.commerce.coupon.adapter.out.atomic;

import dev.commerce.coupon.domain.IssuedCoupon;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The PostgreSQL side of the {@code atomic} strategy: writes copies that Redis has already admitted,
 * idempotently, in ONE autocommit statement, one copy ({@link #persist}) or a batch of them
 * ({@link #persistAll}, the group commit of {@code ClaimWriter}); the hot coupon row is locked only
 * inside the server for that statement. Copies are written {@code ISSUED} (the column's default). Also
 * reads a coupon's state to (re)load Redis.
 *
 * <p>Why one class of about 250 lines: most of it is the two SQL statements (one copy, a batch) and
 * the mapping of their outcomes, which must stay side by side to stay alike.
 */
class JdbcClaimStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcClaimStore.class);

    /**
     * Inserts the copy unless it (same id) or another copy for the user exists; counts it only if
     * inserted. The CHECK {@code issued_quantity <= total_quantity} refuses a copy beyond the total,
     * rolling the insert back with it.
     */
    private static final String PERSIST = """
            WITH inserted AS (
                INSERT INTO coupon.issued_coupon (id, coupon_id, user_id, issued_at)
                VALUES (:id, :coupon, :user, :at)
                ON CONFLICT DO NOTHING
                RETURNING 1)
            UPDATE coupon.coupon SET issued_quantity = issued_quantity + (SELECT count(*) FROM inserted)
            WHERE id = :coupon AND EXISTS (SELECT 1 FROM inserted)""";

    /**
     * The batch form of {@link #PERSIST}: inserts every copy that neither exists (same id) nor meets
     * another copy of its user, then counts the inserted ones on each coupon row ONCE (one row update
     * per coupon per batch, by the number actually inserted), and returns the ids it inserted. Copies
     * are inserted and coupon rows updated in coupon order, so that two batches of different instances
     * take their locks in the same order. The CHECK refuses the whole statement if one coupon would
     * exceed its total, the foreign key if one coupon does not exist: see {@link BatchRefusedException}.
     */
    private static final String PERSIST_ALL = """
            WITH claimed AS (
                SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:coupons AS text[]), CAST(:users AS bigint[]),
                                     CAST(CAST(:ats AS text[]) AS timestamptz[]))
                    AS c(id, coupon_id, user_id, issued_at)),
            inserted AS (
                INSERT INTO coupon.issued_coupon (id, coupon_id, user_id, issued_at)
                SELECT id, coupon_id, user_id, issued_at FROM claimed ORDER BY coupon_id, user_id
                ON CONFLICT DO NOTHING
                RETURNING id, coupon_id),
            counted AS (
                UPDATE coupon.coupon c SET issued_quantity = c.issued_quantity + n.copies
                FROM (SELECT coupon_id, count(*) AS copies FROM inserted GROUP BY coupon_id ORDER BY coupon_id) n
                WHERE c.id = n.coupon_id)
            SELECT id FROM inserted""";

    private static final String DEADLOCK = "40P01";

    private final JdbcClient jdbc;

    public JdbcClaimStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What became of a copy Redis admitted. */
    public enum Persisted {
        /** Written now. */
        WRITTEN,
        /** This very copy (same id) was written before: by the request, the recovery job, or the fallback. */
        ALREADY_WRITTEN,
        /** Refused: the user holds another copy of the coupon. Redis was behind PostgreSQL. */
        USER_HOLDS_ANOTHER,
        /** Refused: every copy is issued in PostgreSQL. Redis was behind PostgreSQL. */
        SOLD_OUT,
        /** Refused: no such coupon. */
        NO_COUPON
    }

    /** A coupon's truth in PostgreSQL, read in one statement (one snapshot). */
    public record CouponState(int total, int issued, List<Long> users) {
    }

    public Persisted persist(IssuedCoupon copy) {
        int counted;
        try {
            counted = jdbc.sql(PERSIST)
                    .param("id", copy.id())
                    .param("coupon", copy.couponId())
                    .param("user", copy.userId())
                    .param("at", Timestamp.from(copy.issuedAt()))
                    .update();
        } catch (DataIntegrityViolationException e) {
            String state = sqlState(e);
            if ("23514".equals(state)) {
                return Persisted.SOLD_OUT; // coupon_issued_within_total
            }
            if ("23503".equals(state)) {
                return Persisted.NO_COUPON; // the foreign key of issued_coupon
            }
            throw e;
        }
        if (counted == 1) {
            return Persisted.WRITTEN;
        }
        boolean sameCopy = jdbc.sql("SELECT EXISTS (SELECT 1 FROM coupon.issued_coupon WHERE id = ?)")
                .param(copy.id()).query(Boolean.class).single();
        return sameCopy ? Persisted.ALREADY_WRITTEN : Persisted.USER_HOLDS_ANOTHER;
    }

    /**
     * Writes a batch of copies in ONE statement ({@link #PERSIST_ALL}) and one more read if some were
     * not inserted (same copy stored before, or another copy of the user); a single copy is written by
     * {@link #persist}. A deadlock with another instance's batch (the statement rolled back as a whole)
     * is retried once.
     *
     * @return the outcome of each copy, in the order of {@code copies}; never {@link Persisted#SOLD_OUT}
     *         or {@link Persisted#NO_COUPON}: those refuse the whole batch
     * @throws BatchRefusedException the CHECK or the foreign key refused the statement (Redis was behind
     *                               PostgreSQL): nothing of the batch was written; write the copies one
     *                               by one with {@link #persist} to learn each one's outcome
     */
    public List<Persisted> persistAll(List<IssuedCoupon> copies) {
        if (copies.size() == 1) {
            return List.of(persist(copies.getFirst()));
        }
        Set<String> inserted;
        try {
            inserted = insertAll(copies);
        } catch (DataAccessException e) {
            if (!DEADLOCK.equals(sqlState(e))) {
                throw refusedOr(e);
            }
            log.info("A batch of {} coupon copies deadlocked with another writer; retrying it once", copies.size());
            try {
                inserted = insertAll(copies);
            } catch (DataAccessException again) {
                throw refusedOr(again);
            }
        }
        List<String> notInserted = new ArrayList<>();
        for (IssuedCoupon copy : copies) {
            if (!inserted.contains(copy.id())) {
                notInserted.add(copy.id());
            }
        }
        Set<String> storedBefore = notInserted.isEmpty() ? Set.of() : new HashSet<>(jdbc.sql(
                        "SELECT id FROM coupon.issued_coupon WHERE id = ANY (CAST(:ids AS text[]))")
                .param("ids", array("text", notInserted.toArray(String[]::new)))
                .query(String.class).list());
        List<Persisted> outcomes = new ArrayList<>(copies.size());
        for (IssuedCoupon copy : copies) {
            outcomes.add(inserted.contains(copy.id()) ? Persisted.WRITTEN
                    : storedBefore.contains(copy.id()) ? Persisted.ALREADY_WRITTEN : Persisted.USER_HOLDS_ANOTHER);
        }
        return outcomes;
    }

    private Set<String> insertAll(List<IssuedCoupon> copies) {
        int n = copies.size();
        String[] ids = new String[n];
        String[] coupons = new String[n];
        Long[] users = new Long[n];
        String[] ats = new String[n];
        for (int i = 0; i < n; i++) {
            IssuedCoupon copy = copies.get(i);
            ids[i] = copy.id();
            coupons[i] = copy.couponId();
            users[i] = copy.userId();
            ats[i] = copy.issuedAt().toString(); // ISO-8601 in UTC: no time zone of the session involved
        }
        return new HashSet<>(jdbc.sql(PERSIST_ALL)
                .param("ids", array("text", ids))
                .param("coupons", array("text", coupons))
                .param("users", array("bigint", users))
                .param("ats", array("text", ats))
                .query(String.class).list());
    }

    private static RuntimeException refusedOr(DataAccessException failure) {
        String state = sqlState(failure);
        if (failure instanceof DataIntegrityViolationException && ("23514".equals(state) || "23503".equals(state))) {
            return new BatchRefusedException(state, failure);
        }
        return failure;
    }

    private static AbstractSqlTypeValue array(String elementType, Object[] elements) {
        return new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection connection, int sqlType, String typeName) throws SQLException {
                return connection.createArrayOf(elementType, elements);
            }
        };
    }

    /**
     * The batch statement was refused as a whole, nothing of it written: the CHECK {@code issued <=
     * total} ({@code 23514}: some coupon had fewer copies left than the batch brought) or the foreign
     * key ({@code 23503}: some coupon does not exist). Both mean Redis was behind PostgreSQL.
     */
    public static class BatchRefusedException extends RuntimeException {

        private final String sqlState;

        public BatchRefusedException(String sqlState, Throwable cause) {
            super("PostgreSQL refused the batch (SQLSTATE " + sqlState + ")", cause);
            this.sqlState = sqlState;
        }

        /** {@code 23514} (CHECK) or {@code 23503} (foreign key). */
        public String sqlState() {
            return sqlState;
        }
    }

    /** Total, issued count and users of the coupon, all from one snapshot; empty if there is no such coupon. */
    public Optional<CouponState> state(String couponId) {
        return jdbc.sql("""
                SELECT c.total_quantity, c.issued_quantity,
                       coalesce((SELECT array_agg(i.user_id) FROM coupon.issued_coupon i WHERE i.coupon_id = c.id),
                                '{}'::bigint[]) AS users
                FROM coupon.coupon c WHERE c.id = ?""")
                .param(couponId)
                .query((rs, row) -> new CouponState(rs.getInt(1), rs.getInt(2),
                        List.of((Long[]) rs.getArray(3).getArray())))
                .optional();
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
