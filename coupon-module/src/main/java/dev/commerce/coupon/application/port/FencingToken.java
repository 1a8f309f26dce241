package dev.commerce.coupon.application.port;

/**
 * A number handed out with a coupon's lock, larger for each later acquisition of the same lock
 * (holders of one instance that the lock is handed over to share their acquisition's token), and
 * the acquisition that holds it. The store rejects a write carrying a smaller token than the newest
 * it has accepted for the coupon, or the same token from another acquisition, so a holder whose
 * lock expired while it was paused cannot write after a newer holder, even when a Redis failover
 * lost the lock and its counter and the newer holder was given the same number.
 *
 * @param value  the token; never negative
 * @param holder which acquisition of the lock holds it (unique across instances); never null
 */
public record FencingToken(long value, String holder) {

    public FencingToken {
        if (value < 0) {
            throw new IllegalArgumentException("a fencing token is never negative: " + value);
        }
        if (holder == null) {
            throw new IllegalArgumentException("a fencing token names its holder");
        }
    }
}
