package dev.commerce.coupon;

/**
 * With {@code commerce.coupon.strategy=atomic}: writes the claims that the Redis script admitted but
 * no request wrote to PostgreSQL. Safe on every instance at once: a claim is written once.
 */
public interface RecoverCouponClaimsUseCase {

    /** One pass over the claims left unwritten; returns how many it wrote. */
    int recoverClaims();
}
