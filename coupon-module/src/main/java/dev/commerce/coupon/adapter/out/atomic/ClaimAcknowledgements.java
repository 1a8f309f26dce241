package dev.commerce.coupon.adapter.out.atomic;

import java.util.List;

/**
 * What acknowledging the claims PostgreSQL has decided does in Redis: {@link RedisClaims}, or a fake in
 * tests. Each call may throw {@link org.redisson.client.RedisException}.
 */
interface ClaimAcknowledgements {

    /** PostgreSQL found the coupon sold out (final): Redis stops admitting claims for it. */
    void soldOut(String couponId);

    /** PostgreSQL refused a claim for another reason: drop the coupon's state, to be reloaded. */
    void forget(String couponId);

    /** Acknowledges and deletes the stream entries of decided claims. */
    void done(List<String> entryIds);
}
