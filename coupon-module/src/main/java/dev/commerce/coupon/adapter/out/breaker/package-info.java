/**
 * The Redis circuit breaker shared by the {@code lock} strategy (with the Redisson lock) and the
 * {@code atomic} strategy: decorators on the ports ({@code CircuitBreakingCouponLock},
 * {@code CircuitBreakingOneStepIssue}) that call the Redis adapter through one Resilience4j breaker
 * and fall back to the PostgreSQL adapter while Redis is out; they know both adapters by port type
 * only. Not a guard of its own: every path stays guarded by the store. Proven by
 * {@code CircuitBreakingCouponLockTest}, {@code CircuitBreakingOneStepIssueTest},
 * {@code CouponRedisOutageIT}, {@code AtomicCouponRedisOutageIT} and {@code RedisOutageHealthIT}.
 */
package dev.commerce.coupon.adapter.out.breaker;
