package dev.commerce.coupon.adapter.out.persistence;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.IssuedCouponStatus;
import dev.commerce.coupon.application.port.IssuedCouponRepository;
import dev.commerce.coupon.domain.IssuedCoupon;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issued copies in {@code coupon.issued_coupon}; the unique (coupon, user) key answers double issues.
 * Redeem and release are each ONE conditional UPDATE of the copy's row: under READ COMMITTED,
 * concurrent UPDATEs of the row queue on its row lock, and a waiter re-evaluates its {@code WHERE} on
 * the row's newest version once the holder's transaction ends (EvalPlanQual), so exactly one of them
 * finds the copy {@code ISSUED}. The CHECK constraints (status known; REDEEMED exactly when an order is
 * named) stand behind it.
 */
final class JdbcIssuedCouponRepository implements IssuedCouponRepository {

    private static final String COLUMNS = "id, coupon_id, user_id, issued_at, status, order_id";

    private static final RowMapper<IssuedCoupon> ISSUED = (rs, row) -> new IssuedCoupon(rs.getString("id"),
            rs.getString("coupon_id"), rs.getLong("user_id"), rs.getTimestamp("issued_at").toInstant(),
            IssuedCouponStatus.valueOf(rs.getString("status")), rs.getString("order_id"));

    private final JdbcClient jdbc;

    JdbcIssuedCouponRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(IssuedCoupon issued) {
        try {
            // status and order_id take their defaults: a copy is written ISSUED, redeemed by no order
            jdbc.sql("INSERT INTO coupon.issued_coupon (id, coupon_id, user_id, issued_at) VALUES (?, ?, ?, ?)")
                    .params(issued.id(), issued.couponId(), issued.userId(), Timestamp.from(issued.issuedAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            // issued_coupon_once_per_user; the transaction is aborted and rolls back the count
            throw new CouponException(CouponErrorCode.COUPON_ALREADY_ISSUED,
                    "user " + issued.userId() + " already holds coupon " + issued.couponId(), null, e);
        }
    }

    @Override
    public boolean exists(String couponId, long userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM coupon.issued_coupon WHERE coupon_id = ? AND user_id = ?)")
                .params(couponId, userId).query(Boolean.class).single();
    }

    @Override
    public Optional<IssuedCoupon> find(String couponId, long userId) {
        return jdbc.sql("SELECT %s FROM coupon.issued_coupon WHERE coupon_id = ? AND user_id = ?".formatted(COLUMNS))
                .params(couponId, userId).query(ISSUED).optional();
    }

    @Override
    public Optional<IssuedCoupon> redeem(String couponId, long userId, String orderId) {
        return jdbc.sql("""
                UPDATE coupon.issued_coupon SET status = 'REDEEMED', order_id = :order
                WHERE coupon_id = :coupon AND user_id = :user AND status = 'ISSUED'
                RETURNING %s""".formatted(COLUMNS))
                .param("order", orderId)
                .param("coupon", couponId)
                .param("user", userId)
                .query(ISSUED).optional();
    }

    @Override
    public boolean release(String couponId, long userId, String orderId) {
        return jdbc.sql("""
                UPDATE coupon.issued_coupon SET status = 'ISSUED', order_id = NULL
                WHERE coupon_id = :coupon AND user_id = :user AND status = 'REDEEMED' AND order_id = :order""")
                .param("coupon", couponId)
                .param("user", userId)
                .param("order", orderId)
                .update() == 1;
    }

    @Override
    public List<IssuedCoupon> findByUser(long userId, int offset, int limit) {
        return jdbc.sql("""
                SELECT %s FROM coupon.issued_coupon
                WHERE user_id = ? ORDER BY issued_at, id OFFSET ? LIMIT ?""".formatted(COLUMNS))
                .param(userId).param(offset).param(limit).query(ISSUED).list();
    }
}
