package dev.commerce.coupon.adapter.out.memory;

import dev.commerce.coupon.application.port.CouponRepository;
import dev.commerce.coupon.application.port.FencingToken;
import dev.commerce.coupon.domain.Coupon;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Coupon rows in a map, each with the newest fencing token written; {@link #recordIssue} is one
 * atomic conditional write like the SQL {@code UPDATE ... WHERE issued < total AND fence <= token}.
 */
public final class InMemoryCouponRepository implements CouponRepository {

    private final Map<String, Row> rows = new ConcurrentHashMap<>();
    private final InMemoryTransactions transactions;

    public InMemoryCouponRepository(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void add(Coupon coupon) {
        rows.put(coupon.id(), new Row(coupon.id(), coupon.name(), coupon.totalQuantity(), coupon.issuedQuantity(),
                coupon.discount(), 0, "", coupon.createdAt()));
        transactions.onRollback(() -> rows.remove(coupon.id()));
    }

    @Override
    public Optional<Coupon> find(String couponId) {
        return Optional.ofNullable(rows.get(couponId)).map(row -> Coupon.reconstitute(row.id(), row.name(),
                row.total(), row.issued(), row.discount(), row.createdAt()));
    }

    @Override
    public synchronized IssueRecord recordIssue(String couponId, FencingToken token) {
        Row row = rows.get(couponId);
        if (row == null || row.issued() >= row.total()) {
            return IssueRecord.SOLD_OUT;
        }
        boolean newer = row.fence() < token.value()
                || row.fence() == token.value() && row.fenceHolder().equals(token.holder());
        if (!newer) {
            return IssueRecord.STALE_TOKEN;
        }
        rows.put(couponId, new Row(row.id(), row.name(), row.total(), row.issued() + 1, row.discount(), token.value(),
                token.holder(), row.createdAt()));
        transactions.onRollback(() -> restore(row));
        return IssueRecord.RECORDED;
    }

    /** The newest fencing token accepted for the coupon, for tests. */
    public long fenceToken(String couponId) {
        return rows.get(couponId).fence();
    }

    private synchronized void restore(Row previous) {
        rows.put(previous.id(), previous);
    }

    private record Row(String id, String name, int total, int issued, long discount, long fence, String fenceHolder,
            java.time.Instant createdAt) {
    }
}
