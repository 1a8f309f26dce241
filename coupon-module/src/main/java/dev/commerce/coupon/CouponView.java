package dev.commerce.coupon;

/**
 * A coupon and how many of it are issued; {@code remaining = totalQuantity - issuedQuantity}, never
 * negative. {@code discount} is what it takes off the total of the order that redeems it.
 */
public record CouponView(String id, String name, int totalQuantity, int issuedQuantity, int remaining, long discount) {
}
