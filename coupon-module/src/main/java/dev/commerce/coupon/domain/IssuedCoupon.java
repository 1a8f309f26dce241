package dev.commerce.coupon.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One copy of a coupon held by a user; made by {@link Coupon#issueTo} under the coupon lock, or named by
 * a lock-free issuer and then admitted or refused by its store in one indivisible step.
 */
public record IssuedCoupon(String id, String couponId, long userId, Instant issuedAt) {

    public IssuedCoupon {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(couponId, "couponId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (userId <= 0) {
            throw new IllegalArgumentException("userId must be positive: " + userId);
        }
    }
}
