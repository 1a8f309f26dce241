package dev.commerce.coupon;

import java.time.Instant;

/** One copy of a coupon held by a user. */
public record IssuedCouponView(String id, String couponId, long userId, Instant issuedAt) {
}
