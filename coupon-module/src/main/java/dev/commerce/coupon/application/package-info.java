/**
 * The coupon use cases: creating coupons, issuing them (under the coupon's lock or lock-free), listing a
 * user's coupons, redeeming a held copy for an order and releasing it.
 */
package dev.commerce.coupon.application;
