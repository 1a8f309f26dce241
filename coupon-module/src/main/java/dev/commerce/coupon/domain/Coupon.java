package dev.commerce.coupon.domain;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import java.time.Instant;
import java.util.Objects;

/**
 * A kind of coupon with a fixed number of copies, each taking {@code discount} off the total of the
 * order that redeems it. Invariants: {@code 0 <= issued <= total}, {@code discount >= 0}.
 * Not thread-safe: callers change it only while holding the coupon's lock.
 */
public final class Coupon {

    private final String id;
    private final String name;
    private final int totalQuantity;
    private int issuedQuantity;
    private final long discount;
    private final Instant createdAt;

    private Coupon(String id, String name, int totalQuantity, int issuedQuantity, long discount, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        if (totalQuantity <= 0 || issuedQuantity < 0 || issuedQuantity > totalQuantity) {
            throw new IllegalArgumentException("coupon " + id + " needs 0 <= issued <= total and total > 0, got total="
                    + totalQuantity + ", issued=" + issuedQuantity);
        }
        if (discount < 0) {
            throw new IllegalArgumentException("coupon " + id + " needs a discount of at least 0, got " + discount);
        }
        this.totalQuantity = totalQuantity;
        this.issuedQuantity = issuedQuantity;
        this.discount = discount;
    }

    /** A new coupon of which nothing is issued yet. */
    public static Coupon create(String id, String name, int totalQuantity, long discount, Instant createdAt) {
        return new Coupon(id, name, totalQuantity, 0, discount, createdAt);
    }

    /** Rebuilds a coupon from stored state; rejects state that breaks the invariants. */
    public static Coupon reconstitute(String id, String name, int totalQuantity, int issuedQuantity, long discount,
            Instant createdAt) {
        return new Coupon(id, name, totalQuantity, issuedQuantity, discount, createdAt);
    }

    /**
     * Hands one copy to {@code userId}.
     *
     * @throws CouponException {@code COUPON_SOLD_OUT} when every copy is issued; nothing changes then
     */
    public IssuedCoupon issueTo(long userId, String issuedCouponId, Instant issuedAt) {
        if (isSoldOut()) {
            throw soldOut(id, totalQuantity);
        }
        IssuedCoupon issued = new IssuedCoupon(issuedCouponId, id, userId, issuedAt);
        issuedQuantity++;
        return issued;
    }

    public boolean isSoldOut() {
        return issuedQuantity >= totalQuantity;
    }

    /** The error for a coupon with no copies left; also used when the database finds it sold out. */
    public static CouponException soldOut(String couponId, int totalQuantity) {
        return new CouponException(CouponErrorCode.COUPON_SOLD_OUT,
                "all " + totalQuantity + " copies of coupon " + couponId + " are issued");
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public int totalQuantity() {
        return totalQuantity;
    }

    public int issuedQuantity() {
        return issuedQuantity;
    }

    public int remaining() {
        return totalQuantity - issuedQuantity;
    }

    /** What a copy takes off the total of the order that redeems it, in that order's currency. */
    public long discount() {
        return discount;
    }

    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "Coupon[id=" + id + ", total=" + totalQuantity + ", issued=" + issuedQuantity + ", discount=" + discount
                + "]";
    }
}
