package dev.commerce.coupon.adapter.out.persistence;

import dev.commerce.coupon.application.port.CouponRepository;
import dev.commerce.coupon.application.port.FencingToken;
import dev.commerce.coupon.domain.Coupon;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Coupon rows in {@code coupon.coupon}; the issuing write is one conditional, fenced UPDATE. */
final class JdbcCouponRepository implements CouponRepository {

    private static final RowMapper<Coupon> COUPON = (rs, row) -> Coupon.reconstitute(rs.getString("id"),
            rs.getString("name"), rs.getInt("total_quantity"), rs.getInt("issued_quantity"),
            rs.getLong("discount"), rs.getTimestamp("created_at").toInstant());

    private final JdbcClient jdbc;

    JdbcCouponRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(Coupon coupon) {
        jdbc.sql("""
                INSERT INTO coupon.coupon (id, name, total_quantity, issued_quantity, discount, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(coupon.id(), coupon.name(), coupon.totalQuantity(), coupon.issuedQuantity(), coupon.discount(),
                        Timestamp.from(coupon.createdAt()))
                .update();
    }

    @Override
    public Optional<Coupon> find(String couponId) {
        return jdbc.sql("SELECT id, name, total_quantity, issued_quantity, discount, created_at FROM coupon.coupon WHERE id = ?")
                .param(couponId).query(COUPON).optional();
    }

    @Override
    public IssueRecord recordIssue(String couponId, FencingToken token) {
        int updated = jdbc.sql("""
                UPDATE coupon.coupon
                SET issued_quantity = issued_quantity + 1, fence_token = :token, fence_holder = :holder
                WHERE id = :id AND issued_quantity < total_quantity
                  AND (fence_token < :token OR (fence_token = :token AND fence_holder = :holder))""")
                .param("token", token.value())
                .param("holder", token.holder())
                .param("id", couponId)
                .update();
        if (updated == 1) {
            return IssueRecord.RECORDED;
        }
        boolean soldOut = jdbc.sql("SELECT issued_quantity >= total_quantity FROM coupon.coupon WHERE id = ?")
                .param(couponId).query(Boolean.class).optional().orElse(true);
        return soldOut ? IssueRecord.SOLD_OUT : IssueRecord.STALE_TOKEN;
    }
}
