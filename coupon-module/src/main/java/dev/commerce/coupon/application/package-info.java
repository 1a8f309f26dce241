/** The coupon use cases: creating coupons, issuing them under the coupon's lock, listing a user's coupons. */
package dev.commerce.coupon.application;
