/**
 * The {@code atomic} strategy ({@code commerce.coupon.strategy=atomic}): one Lua script
 * ({@link dev.commerce.coupon.adapter.out.atomic.RedisClaims}) decides and records a claim in Redis
 * with a stream entry as hand-off record; the copy is written to PostgreSQL before the answer
 * ({@link dev.commerce.coupon.adapter.out.atomic.JdbcClaimStore}, by group commit in
 * {@link dev.commerce.coupon.adapter.out.atomic.ClaimWriter}), the entry acknowledged after the commit
 * ({@link dev.commerce.coupon.adapter.out.atomic.ClaimAcknowledger}), and claims a crashed process
 * never wrote are written by {@link dev.commerce.coupon.adapter.out.atomic.RedisStreamClaimRecovery}.
 * The breaker and its PostgreSQL fallback are the {@code breaker} and {@code conditional} packages'.
 *
 * <p>Guards: the script's sold-out and once-per-user checks, the pending stream entry the recovery
 * finds, and PostgreSQL's constraints behind them. Proven by {@code RedisClaimScriptIT} (guard
 * mutations {@code coupon-script-*}), {@code JdbcClaimStoreIT}, {@code AtomicCouponConcurrencyIT},
 * {@code AtomicCouponTwoInstancesIT}, {@code AtomicCouponRedisOutageIT}, {@code ClaimWriterTest} and
 * {@code ClaimAcknowledgerTest}.
 */
package dev.commerce.coupon.adapter.out.atomic;
