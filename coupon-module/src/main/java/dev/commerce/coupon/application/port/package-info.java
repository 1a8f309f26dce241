/**
 * Out-ports the coupon use cases need: the per-coupon fenced lock ({@code CouponLock}), the one-step
 * issue of the lock-less strategies ({@code OneStepIssue}), the recovery of the atomic strategy's
 * unwritten claims ({@code ClaimRecovery}), the coupon and issue stores, and the outage exceptions
 * the circuit breaker counts.
 */
package dev.commerce.coupon.application.port;
