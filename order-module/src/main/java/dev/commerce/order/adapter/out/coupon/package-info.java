/** Bridge to the coupon module's API: a coupon redeemed for an order and released from it. */
package dev.commerce.order.adapter.out.coupon;
