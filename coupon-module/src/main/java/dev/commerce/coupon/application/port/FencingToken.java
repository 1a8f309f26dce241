package dev.commerce.coupon.application.port;

/**
 * A number handed out with a coupon's lock, larger for each later acquisition of the same lock
 * (holders of one instance that the lock is handed over to share their acquisition's token). The
 * store rejects a write carrying a smaller token than the newest it has accepted for the coupon,
 * so a holder whose lock expired while it was paused cannot write after a newer holder.
 */
public record FencingToken(long value) {

    public FencingToken {
        if (value < 0) {
            throw new IllegalArgumentException("a fencing token is never negative: " + value);
        }
    }
}
