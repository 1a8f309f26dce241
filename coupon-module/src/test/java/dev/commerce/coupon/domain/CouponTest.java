package dev.commerce.coupon.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CouponTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void issuing_counts_a_copy_until_none_remain() {
        Coupon coupon = Coupon.create("c", "WELCOME", 2, NOW);

        IssuedCoupon first = coupon.issueTo(1, "i1", NOW);
        coupon.issueTo(2, "i2", NOW);

        assertThat(first).isEqualTo(new IssuedCoupon("i1", "c", 1, NOW));
        assertThat(coupon.issuedQuantity()).isEqualTo(2);
        assertThat(coupon.remaining()).isZero();
        assertThat(coupon.isSoldOut()).isTrue();
        assertThatThrownBy(() -> coupon.issueTo(3, "i3", NOW)).isInstanceOfSatisfying(CouponException.class,
                e -> assertThat(e.code()).isEqualTo(CouponErrorCode.COUPON_SOLD_OUT));
        assertThat(coupon.issuedQuantity()).isEqualTo(2);
    }

    @Test
    void stored_state_that_breaks_the_invariant_is_rejected() {
        assertThatThrownBy(() -> Coupon.reconstitute("c", "W", 1, 2, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Coupon.reconstitute("c", "W", 0, 0, NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
