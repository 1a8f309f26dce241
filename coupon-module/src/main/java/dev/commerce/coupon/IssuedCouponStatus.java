package dev.commerce.coupon;

/** Where an issued copy is: {@code ISSUED} (usable) or {@code REDEEMED} (applied to one order). */
public enum IssuedCouponStatus {
    ISSUED,
    REDEEMED
}
