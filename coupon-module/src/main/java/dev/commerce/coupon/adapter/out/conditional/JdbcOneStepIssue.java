package dev.commerce.coupon.adapter.out.conditional;

import dev.commerce.coupon.application.port.OneStepIssue;
import dev.commerce.coupon.domain.IssuedCoupon;
import java.sql.Timestamp;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code commerce.coupon.strategy=conditional}: PostgreSQL alone decides, in ONE autocommit
 * statement, no lock service. The UPDATE counts the copy only while copies are left; the INSERT of
 * the copy depends on it; a second copy for the same user violates the unique (coupon, user) key and
 * rolls the whole statement back, count included.
 *
 * <p>Under READ COMMITTED, concurrent UPDATEs of the coupon row queue on its row lock; when the
 * holder commits, the waiter re-evaluates {@code issued_quantity < total_quantity} on the row's NEW
 * version (EvalPlanQual) before writing, so the last copy goes to exactly one of them and the others
 * match no row (then one read tells already issued, sold out and not found apart). Rows that fail the
 * condition are not locked, so requests after the sell-out do not queue. Also the fallback of the
 * {@code atomic} strategy while Redis is unavailable. The copy is written {@code ISSUED} (the column's
 * default).
 */
final class JdbcOneStepIssue implements OneStepIssue {

    private static final String ISSUE = """
            WITH counted AS (
                UPDATE coupon.coupon SET issued_quantity = issued_quantity + 1
                WHERE id = :coupon AND issued_quantity < total_quantity
                RETURNING id)
            INSERT INTO coupon.issued_coupon (id, coupon_id, user_id, issued_at)
            SELECT :id, counted.id, :user, :at FROM counted""";

    private final JdbcClient jdbc;

    JdbcOneStepIssue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public IssueResult issue(IssuedCoupon copy) {
        int inserted;
        try {
            inserted = jdbc.sql(ISSUE)
                    .param("coupon", copy.couponId())
                    .param("id", copy.id())
                    .param("user", copy.userId())
                    .param("at", Timestamp.from(copy.issuedAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            // The statement rolled back as a whole. The same copy id already stored means an earlier
            // attempt with this very copy got through (the atomic strategy's recovery, before it fell back).
            return sameCopyStored(copy) ? IssueResult.ISSUED : IssueResult.ALREADY_ISSUED;
        }
        if (inserted == 1) {
            return IssueResult.ISSUED;
        }
        // Nothing matched: sold out, or no such coupon. Issued copies are never taken back, so a
        // coupon sold out for the statement is still sold out for this read. A user who already
        // holds a copy is told so, as the other strategies do, rather than "sold out".
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM coupon.issued_coupon WHERE coupon_id = c.id AND user_id = ?)
                FROM coupon.coupon c WHERE c.id = ?""")
                .params(copy.userId(), copy.couponId())
                .query(Boolean.class).optional()
                .map(holds -> holds ? IssueResult.ALREADY_ISSUED : IssueResult.SOLD_OUT)
                .orElse(IssueResult.COUPON_NOT_FOUND);
    }

    private boolean sameCopyStored(IssuedCoupon copy) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM coupon.issued_coupon WHERE id = ? AND coupon_id = ? AND user_id = ?)")
                .params(copy.id(), copy.couponId(), copy.userId()).query(Boolean.class).single();
    }
}
