package dev.commerce.coupon;

/** Shape checks shared by the command records; every failure is an {@code INVALID_REQUEST}. */
final class CouponInput {

    static final int MAX_TEXT_LENGTH = 100;

    private CouponInput() {
    }

    static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw CouponException.invalidRequest(field + " must not be blank");
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            throw CouponException.invalidRequest(field + " must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw CouponException.invalidRequest(field + " must not contain control characters");
        }
        return value;
    }

    static long requireBetween(long value, long min, long max, String field) {
        if (value < min || value > max) {
            throw CouponException.invalidRequest(field + " must be between " + min + " and " + max);
        }
        return value;
    }
}
