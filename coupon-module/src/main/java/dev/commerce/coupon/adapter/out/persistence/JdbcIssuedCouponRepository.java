package dev.commerce.coupon.adapter.out.persistence;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.IssuedCouponStatus;
import dev.commerce.coupon.application.port.IssuedCouponRepository;
import dev.commerce.coupon.domain.IssuedCoupon;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Issued copies in {@code coupon.issued_coupon}; the unique (coupon, user) key answers double issues. */
public class JdbcIssuedCouponRepository implements IssuedCouponRepository {

    private static final String COLUMNS = "id, coupon_id, user_id, issued_at, status, order_id";

    private static final RowMapper<IssuedCoupon> ISSUED = (rs, row) -> new IssuedCoupon(rs.getString("id"),
            rs.getString("coupon_id"), rs.getLong("user_id"), rs.getTimestamp("issued_at").toInstant(),
            IssuedCouponStatus.valueOf(rs.getString("status")), rs.getString("order_id"));

    private final JdbcClient jdbc;

    public JdbcIssuedCouponRepository(JdbcClient jdbc) {
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
    public List<IssuedCoupon> findByUser(long userId, int offset, int limit) {
        return jdbc.sql("""
                SELECT %s FROM coupon.issued_coupon
                WHERE user_id = ? ORDER BY issued_at, id OFFSET ? LIMIT ?""".formatted(COLUMNS))
                .param(userId).param(offset).param(limit).query(ISSUED).list();
    }
}
