package dev.commerce.coupon;

import dev.commerce.shared.DomainException;
import java.time.Duration;

/** A failure of the coupon module, reported to clients by its {@link CouponErrorCode}. */
public class CouponException extends DomainException {

    /** What a client is told to wait before retrying a {@code LOCK_UNAVAILABLE}. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    public CouponException(CouponErrorCode code, String message) {
        super(code, message);
    }

    public CouponException(CouponErrorCode code, String message, Duration retryAfter, Throwable cause) {
        super(code, message, retryAfter, cause);
    }

    @Override
    public CouponErrorCode code() {
        return (CouponErrorCode) super.code();
    }

    /** A request of the wrong shape: reported as {@code INVALID_REQUEST} and changes nothing. */
    public static CouponException invalidRequest(String message) {
        return new CouponException(CouponErrorCode.INVALID_REQUEST, message);
    }

    /** The coupon's lock was not held when it had to be; nothing changed and a retry may succeed. */
    public static CouponException lockUnavailable(String message, Duration retryAfter, Throwable cause) {
        return new CouponException(CouponErrorCode.LOCK_UNAVAILABLE, message, retryAfter, cause);
    }

    public static CouponException notFound(String couponId) {
        return new CouponException(CouponErrorCode.COUPON_NOT_FOUND, "no coupon with id " + couponId);
    }
}
