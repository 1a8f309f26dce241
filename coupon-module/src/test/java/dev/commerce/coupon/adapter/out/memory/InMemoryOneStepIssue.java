package dev.commerce.coupon.adapter.out.memory;

import dev.commerce.coupon.application.port.OneStepIssue;
import dev.commerce.coupon.domain.IssuedCoupon;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lock-free store as one indivisible decision per copy, like the conditional SQL statement or
 * the Redis script: count and copies of each coupon change together or not at all.
 */
public final class InMemoryOneStepIssue implements OneStepIssue {

    private final Map<String, Integer> totals = new HashMap<>();
    private final Map<String, Map<Long, IssuedCoupon>> copies = new HashMap<>();

    /** A coupon with {@code total} copies and none issued. */
    public synchronized void addCoupon(String couponId, int total) {
        totals.put(couponId, total);
        copies.put(couponId, new HashMap<>());
    }

    @Override
    public synchronized IssueResult issue(IssuedCoupon copy) {
        Integer total = totals.get(copy.couponId());
        if (total == null) {
            return IssueResult.COUPON_NOT_FOUND;
        }
        Map<Long, IssuedCoupon> issued = copies.get(copy.couponId());
        if (issued.containsKey(copy.userId())) {
            return IssueResult.ALREADY_ISSUED;
        }
        if (issued.size() >= total) {
            return IssueResult.SOLD_OUT;
        }
        issued.put(copy.userId(), copy);
        return IssueResult.ISSUED;
    }

    /** Every stored copy of the coupon, for tests that count the truth. */
    public synchronized List<IssuedCoupon> copiesOf(String couponId) {
        return List.copyOf(copies.get(couponId).values());
    }

    /** Distinct users holding the coupon. */
    public synchronized Set<Long> holdersOf(String couponId) {
        return new HashSet<>(copies.get(couponId).keySet());
    }
}
