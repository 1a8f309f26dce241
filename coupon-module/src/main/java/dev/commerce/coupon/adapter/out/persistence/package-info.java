/**
 * The plain coupon repositories in PostgreSQL (schema {@code coupon}), written with plain SQL, used by
 * every strategy: coupons with their fenced issuing UPDATE, and issued copies with their conditional
 * redeem and release. Proven by {@code CouponRowGuardsIT} (guard mutations {@code coupon-fencing},
 * {@code coupon-issue-within-total}, {@code coupon-redeem-issued-only}, {@code coupon-release-own-order}).
 */
package dev.commerce.coupon.adapter.out.persistence;
