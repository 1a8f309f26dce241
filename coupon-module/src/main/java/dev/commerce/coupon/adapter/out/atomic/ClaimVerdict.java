package dev.commerce.coupon.adapter.out.atomic;

/**
 * What the claim script of {@link RedisClaims} answers; the script returns the constant's name as
 * its first value.
 */
enum ClaimVerdict {
    /** The claim is recorded, with a stream entry to acknowledge once the copy is written. */
    ISSUED,
    /** Every copy is claimed. */
    SOLD_OUT,
    /** The user already holds a claim of this coupon. */
    ALREADY_ISSUED,
    /** Redis has no state for the coupon: load it from PostgreSQL, then claim again. */
    NOT_LOADED;

    /** The verdict named by the script's first value; an unknown answer is a bug, never a verdict. */
    static ClaimVerdict of(Object answer) {
        String name = String.valueOf(answer);
        for (ClaimVerdict verdict : values()) {
            if (verdict.name().equals(name)) {
                return verdict;
            }
        }
        throw new IllegalStateException("unexpected answer of the claim script: " + name);
    }
}
