/** Out-ports the coupon use cases need: the per-coupon fenced lock and the coupon and issue stores. */
package dev.commerce.coupon.application.port;
