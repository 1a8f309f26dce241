package dev.commerce.coupon.application.port;

/**
 * One exclusive lock per coupon, shared by every instance of the service: the guard every
 * issuing of a coupon goes through.
 */
public interface CouponLock {

    /**
     * Runs {@code work} inside ONE transaction while holding the lock of {@code couponId}, handing
     * it the lock's {@link FencingToken}.
     *
     * <ul>
     *   <li>The lock is released (or handed to the next holder queued in the same instance, with
     *       the same token) only after that transaction committed or rolled back, and only by its
     *       holder.</li>
     *   <li>If {@code work} throws, the transaction rolls back (nothing it wrote persists) and the
     *       exception propagates unchanged.</li>
     *   <li>The lock may expire (lease) while {@code work} still runs; the token then lets the
     *       store reject the late write ({@link CouponRepository#recordIssue}).</li>
     *   <li>Without a lock, {@code work} never runs.</li>
     * </ul>
     *
     * @throws dev.commerce.coupon.CouponException {@code LOCK_UNAVAILABLE} (with a retry-after) if
     *                                             the lock was not obtained within the configured
     *                                             wait time; then {@code work} did not run
     */
    <T> T withCouponLocked(String couponId, LockedWork<T> work);

    /** Work done while holding a coupon's lock. */
    @FunctionalInterface
    interface LockedWork<T> {

        T run(FencingToken token);
    }
}
