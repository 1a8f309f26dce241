package dev.commerce.coupon.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.testing.ConcurrentRun;
import dev.commerce.coupon.CouponView;
import dev.commerce.coupon.IssueCouponCommand;
import dev.commerce.coupon.domain.IssuedCoupon;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** All workers start at once; outcomes are counted by kind and the stored truth is checked. */
class CouponIssueConcurrencyTest {

    private final Coupons coupons = new Coupons();

    @Test
    void a_thousand_users_racing_for_one_hundred_copies_get_exactly_one_hundred() throws Exception {
        CouponView coupon = coupons.aCoupon(100);

        Map<String, Integer> outcomes = ConcurrentRun.run(1000,
                worker -> () -> coupons.issuer.issue(new IssueCouponCommand(coupon.id(), worker + 1)));

        assertThat(outcomes).containsOnly(Map.entry("OK", 100), Map.entry("COUPON_SOLD_OUT", 900));
        assertThat(coupons.catalog.getCoupon(coupon.id()).issuedQuantity()).isEqualTo(100);
        assertThat(coupons.issued.findByCoupon(coupon.id())).hasSize(100)
                .extracting(IssuedCoupon::userId).doesNotHaveDuplicates();
    }

    @Test
    void one_user_sending_fifty_requests_at_once_gets_exactly_one() throws Exception {
        CouponView coupon = coupons.aCoupon(100);

        Map<String, Integer> outcomes = ConcurrentRun.run(50,
                worker -> () -> coupons.issuer.issue(new IssueCouponCommand(coupon.id(), 42)));

        assertThat(outcomes).containsOnly(Map.entry("OK", 1), Map.entry("COUPON_ALREADY_ISSUED", 49));
        assertThat(coupons.catalog.getCoupon(coupon.id()).issuedQuantity()).isEqualTo(1);
        assertThat(coupons.issued.findByCoupon(coupon.id())).hasSize(1);
    }
}
