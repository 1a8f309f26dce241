package dev.commerce.coupon.adapter.out.persistence;

import dev.commerce.coupon.domain.IssuedCoupon;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The PostgreSQL side of the {@code atomic} strategy: writes a copy that Redis has already admitted,
 * idempotently, in ONE autocommit statement (the hot coupon row is locked only inside the server for
 * that statement), and reads a coupon's state to (re)load Redis.
 */
public class JdbcClaimStore {

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
