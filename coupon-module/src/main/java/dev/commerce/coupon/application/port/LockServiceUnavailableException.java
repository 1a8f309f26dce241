package dev.commerce.coupon.application.port;

/**
 * A {@link CouponLock}'s lock service itself failed (Redis unreachable, timed out) before the work ran. Never thrown
 * for contention (a lock not obtained within its wait time) nor by the work, so the circuit
 * breaker counts only real outages and a fallback never runs work a second time.
 */
public class LockServiceUnavailableException extends RuntimeException {

    public LockServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
