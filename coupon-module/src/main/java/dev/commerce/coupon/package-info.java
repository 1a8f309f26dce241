/**
 * Coupon: first-come, first-served coupons issued across several instances of the service under a
 * Redisson distributed lock, with a database fallback when Redis is down; a held copy is redeemed by
 * at most one order at a time.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Coupon")
package dev.commerce.coupon;
