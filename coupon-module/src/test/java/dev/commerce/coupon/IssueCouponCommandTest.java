package dev.commerce.coupon;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IssueCouponCommandTest {

    @Test
    void malformed_commands_are_invalid_requests() {
        assertInvalid(() -> new IssueCouponCommand(" ", 1));
        assertInvalid(() -> new IssueCouponCommand(null, 1));
        assertInvalid(() -> new IssueCouponCommand("c", 0));
        assertInvalid(() -> new IssueCouponCommand("c", -5));
        assertInvalid(() -> new IssueCouponCommand("x".repeat(101), 1));
        assertInvalid(() -> new CreateCouponCommand("W", 0));
        assertInvalid(() -> new CreateCouponCommand("", 10));
        assertInvalid(() -> new CreateCouponCommand("W", CreateCouponCommand.MAX_TOTAL_QUANTITY + 1));
        assertInvalid(() -> new CreateCouponCommand("W", 10, -1));
        assertInvalid(() -> new CreateCouponCommand("W", 10, CreateCouponCommand.MAX_DISCOUNT + 1));
    }

    private static void assertInvalid(Runnable creation) {
        assertThatThrownBy(creation::run).isInstanceOfSatisfying(CouponException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(CouponErrorCode.INVALID_REQUEST));
    }
}
