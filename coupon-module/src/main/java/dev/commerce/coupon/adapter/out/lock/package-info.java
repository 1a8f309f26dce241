/**
 * The {@code lock} strategy ({@code commerce.coupon.strategy=lock}, the default): the issuer takes a
 * per-coupon {@link dev.commerce.coupon.application.port.CouponLock} and issues in one transaction.
 * {@link dev.commerce.coupon.adapter.out.lock.RedissonCouponLock} is a Redisson fenced lock with
 * local hand-over queues ({@link dev.commerce.coupon.adapter.out.lock.HandoverQueues}) in front of
 * the Redis lock itself ({@link dev.commerce.coupon.adapter.out.lock.RedissonRemoteLock});
 * {@link dev.commerce.coupon.adapter.out.lock.PostgresAdvisoryCouponLock} is its fallback (or the
 * lock itself with {@code commerce.coupon.lock.type=database}). The breaker between them is the
 * {@code breaker} package's.
 *
 * <p>Guards: the lock (one holder per coupon across instances), the fencing token compared by the
 * issuing UPDATE of {@code JdbcCouponRepository}, and that UPDATE's {@code issued < total}. Proven by
 * {@code CouponRowGuardsIT} (guard mutations {@code coupon-redisson-exclusion},
 * {@code coupon-advisory-lock}, {@code coupon-fencing}), {@code CouponFencingIT},
 * {@code CouponConcurrencyIT}, {@code CouponDatabaseLockIT}, {@code MultiInstanceIT} and
 * {@code HandoverQueuesTest}.
 */
package dev.commerce.coupon.adapter.out.lock;
