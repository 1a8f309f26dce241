package dev.commerce.coupon.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.IssuedCouponStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CouponTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void issuing_counts_a_copy_until_none_remain() {
        Coupon coupon = Coupon.create("c", "WELCOME", 2, 3000, NOW);

        IssuedCoupon first = coupon.issueTo(1, "i1", NOW);
        coupon.issueTo(2, "i2", NOW);

        assertThat(first).isEqualTo(new IssuedCoupon("i1", "c", 1, NOW));
        assertThat(first.status()).isEqualTo(IssuedCouponStatus.ISSUED);
        assertThat(first.orderId()).isNull();
        assertThat(coupon.discount()).isEqualTo(3000);
        assertThat(coupon.issuedQuantity()).isEqualTo(2);
        assertThat(coupon.remaining()).isZero();
        assertThat(coupon.isSoldOut()).isTrue();
        assertThatThrownBy(() -> coupon.issueTo(3, "i3", NOW)).isInstanceOfSatisfying(CouponException.class,
                e -> assertThat(e.code()).isEqualTo(CouponErrorCode.COUPON_SOLD_OUT));
        assertThat(coupon.issuedQuantity()).isEqualTo(2);
    }

    @Test
    void stored_state_that_breaks_the_invariant_is_rejected() {
        assertThatThrownBy(() -> Coupon.reconstitute("c", "W", 1, 2, 0, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Coupon.reconstitute("c", "W", 0, 0, 0, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Coupon.reconstitute("c", "W", 1, 0, -1, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_copy_names_an_order_exactly_when_it_is_redeemed() {
        IssuedCoupon issued = new IssuedCoupon("i1", "c", 1, NOW);

        IssuedCoupon redeemed = issued.redeemedFor("o-1");

        assertThat(redeemed.status()).isEqualTo(IssuedCouponStatus.REDEEMED);
        assertThat(redeemed.isRedeemedFor("o-1")).isTrue();
        assertThat(redeemed.isRedeemedFor("o-2")).isFalse();
        assertThat(redeemed.released()).isEqualTo(issued);
        assertThatThrownBy(() -> redeemed.redeemedFor("o-2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new IssuedCoupon("i1", "c", 1, NOW, IssuedCouponStatus.REDEEMED, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IssuedCoupon("i1", "c", 1, NOW, IssuedCouponStatus.ISSUED, "o-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
