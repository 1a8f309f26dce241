package dev.commerce.coupon;

import java.time.Instant;

/**
 * One copy of a coupon held by a user: {@code ISSUED} (usable, {@code orderId} null) or
 * {@code REDEEMED} by the order {@code orderId}.
 */
public record IssuedCouponView(String id, String couponId, long userId, Instant issuedAt, IssuedCouponStatus status,
        String orderId) {
}
