package dev.commerce.coupon;

/** A coupon and how many of it are issued; {@code remaining = totalQuantity - issuedQuantity}, never negative. */
public record CouponView(String id, String name, int totalQuantity, int issuedQuantity, int remaining) {
}
