/**
 * The {@code atomic} issuing strategy on Redis: a Lua script that checks and records a claim with a
 * stream entry as hand-off record, its write to PostgreSQL, the recovery of claims a crashed
 * process never wrote, and the circuit breaker that falls back to PostgreSQL alone.
 */
package dev.commerce.coupon.adapter.out.redis;
