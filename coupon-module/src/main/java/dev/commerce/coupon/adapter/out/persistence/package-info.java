/** Coupons and issued coupons in PostgreSQL (schema {@code coupon}), written with plain SQL. */
package dev.commerce.coupon.adapter.out.persistence;
