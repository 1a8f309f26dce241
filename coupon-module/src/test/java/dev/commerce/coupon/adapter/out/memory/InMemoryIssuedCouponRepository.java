package dev.commerce.coupon.adapter.out.memory;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.application.port.IssuedCouponRepository;
import dev.commerce.coupon.domain.IssuedCoupon;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issued copies keyed by (coupon, user): the key plays the unique constraint. Redeem and release are
 * compare-and-sets on one key ({@link ConcurrentHashMap#computeIfPresent} is atomic per key), like the
 * conditional UPDATE of the copy's row.
 */
public final class InMemoryIssuedCouponRepository implements IssuedCouponRepository {

    private final Map<Key, IssuedCoupon> rows = new ConcurrentHashMap<>();
    private final InMemoryTransactions transactions;

    public InMemoryIssuedCouponRepository(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void add(IssuedCoupon issued) {
        Key key = new Key(issued.couponId(), issued.userId());
        if (rows.putIfAbsent(key, issued) != null) {
            throw new CouponException(CouponErrorCode.COUPON_ALREADY_ISSUED,
                    "user " + issued.userId() + " already holds coupon " + issued.couponId());
        }
        transactions.onRollback(() -> rows.remove(key));
    }

    @Override
    public boolean exists(String couponId, long userId) {
        return rows.containsKey(new Key(couponId, userId));
    }

    @Override
    public Optional<IssuedCoupon> find(String couponId, long userId) {
        return Optional.ofNullable(rows.get(new Key(couponId, userId)));
    }

    @Override
    public Optional<IssuedCoupon> redeem(String couponId, long userId, String orderId) {
        Key key = new Key(couponId, userId);
        IssuedCoupon[] changed = {null, null}; // before, after: set only if this call changed the copy
        rows.computeIfPresent(key, (k, copy) -> {
            if (!copy.isUsable()) {
                return copy;
            }
            changed[0] = copy;
            changed[1] = copy.redeemedFor(orderId);
            return changed[1];
        });
        if (changed[1] == null) {
            return Optional.empty();
        }
        transactions.onRollback(() -> rows.replace(key, changed[1], changed[0]));
        return Optional.of(changed[1]);
    }

    @Override
    public boolean release(String couponId, long userId, String orderId) {
        Key key = new Key(couponId, userId);
        IssuedCoupon[] changed = {null, null};
        rows.computeIfPresent(key, (k, copy) -> {
            if (!copy.isRedeemedFor(orderId)) {
                return copy;
            }
            changed[0] = copy;
            changed[1] = copy.released();
            return changed[1];
        });
        if (changed[1] == null) {
            return false;
        }
        transactions.onRollback(() -> rows.replace(key, changed[1], changed[0]));
        return true;
    }

    @Override
    public List<IssuedCoupon> findByUser(long userId, int offset, int limit) {
        return rows.values().stream().filter(issued -> issued.userId() == userId)
                .sorted(Comparator.comparing(IssuedCoupon::issuedAt).thenComparing(IssuedCoupon::id))
                .skip(offset).limit(limit).toList();
    }

    /** Every stored copy of the coupon, for tests that count the truth. */
    public List<IssuedCoupon> findByCoupon(String couponId) {
        return rows.values().stream().filter(issued -> issued.couponId().equals(couponId)).toList();
    }

    private record Key(String couponId, long userId) {
    }
}
