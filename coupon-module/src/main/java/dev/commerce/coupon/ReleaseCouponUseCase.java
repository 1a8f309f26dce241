package dev.commerce.coupon;

/**
 * Makes a coupon redeemed for an order usable again when that order is cancelled or expires. For the
 * order module; there is no HTTP endpoint of its own.
 */
public interface ReleaseCouponUseCase {

    /**
     * Turns the user's copy of the coupon back to {@code ISSUED} (no order) if it is redeemed for
     * {@code orderId}. Anything else changes nothing and is no error: a copy already released (a
     * repeated event), one never redeemed, one redeemed for another order (never taken from it), no
     * copy at all.
     *
     * @return whether this call released the copy
     */
    boolean release(ReleaseCouponCommand command);
}
