/** Coupon redemptions for orders, as far as the coupon module's API offers them. */
package dev.commerce.order.adapter.out.coupon;
