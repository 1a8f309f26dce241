/**
 * The coupon lock: a Redisson fenced lock per coupon, a PostgreSQL advisory-lock fallback, and a
 * circuit breaker that picks between them; with their Micrometer metrics.
 */
package dev.commerce.coupon.adapter.out.lock;
