package dev.commerce.coupon.domain;

import dev.commerce.coupon.IssuedCouponStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * One copy of a coupon held by a user; made by {@link Coupon#issueTo} under the coupon lock, or named by
 * a lock-free issuer and then admitted or refused by its store in one indivisible step. A copy is
 * {@code ISSUED} (usable, no order) or {@code REDEEMED} by exactly one order ({@code orderId}).
 */
public record IssuedCoupon(String id, String couponId, long userId, Instant issuedAt, IssuedCouponStatus status,
        String orderId) {

    public IssuedCoupon {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(couponId, "couponId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(status, "status");
        if (userId <= 0) {
            throw new IllegalArgumentException("userId must be positive: " + userId);
        }
        if ((status == IssuedCouponStatus.REDEEMED) != (orderId != null)) {
            throw new IllegalArgumentException("a copy names an order exactly when it is REDEEMED: " + status
                    + " with order " + orderId);
        }
    }

    /** A copy as it is issued: usable, redeemed by no order. */
    public IssuedCoupon(String id, String couponId, long userId, Instant issuedAt) {
        this(id, couponId, userId, issuedAt, IssuedCouponStatus.ISSUED, null);
    }

    public boolean isUsable() {
        return status == IssuedCouponStatus.ISSUED;
    }

    /** Whether this copy is already applied to {@code orderId} (so redeeming it for that order again changes nothing). */
    public boolean isRedeemedFor(String orderId) {
        return status == IssuedCouponStatus.REDEEMED && this.orderId.equals(orderId);
    }

    /** This copy applied to {@code orderId}; only a usable copy may be. */
    public IssuedCoupon redeemedFor(String orderId) {
        Objects.requireNonNull(orderId, "orderId");
        if (!isUsable()) {
            throw new IllegalStateException("copy " + id + " is already redeemed for order " + this.orderId);
        }
        return new IssuedCoupon(id, couponId, userId, issuedAt, IssuedCouponStatus.REDEEMED, orderId);
    }

    /** This copy usable again, taken back from the order it was redeemed for. */
    public IssuedCoupon released() {
        return new IssuedCoupon(id, couponId, userId, issuedAt, IssuedCouponStatus.ISSUED, null);
    }
}
