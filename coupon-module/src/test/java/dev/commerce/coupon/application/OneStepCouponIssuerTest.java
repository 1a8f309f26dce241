package dev.commerce.coupon.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.IssueCouponCommand;
import dev.commerce.coupon.IssuedCouponView;
import dev.commerce.coupon.adapter.out.memory.InMemoryOneStepIssue;
import dev.commerce.coupon.domain.IssuedCoupon;
import dev.commerce.testing.ConcurrentRun;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lock-free issuer on an in-memory twin of its store: answers, and exact counts under a crowd. */
class OneStepCouponIssuerTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final InMemoryOneStepIssue store = new InMemoryOneStepIssue();
    private final OneStepCouponIssuer issuer = new OneStepCouponIssuer(store, clock);

    @Test
    void issues_a_copy_named_by_the_issuer_and_stored_as_named() {
        store.addCoupon("c-1", 2);

        IssuedCouponView view = issuer.issue(new IssueCouponCommand("c-1", 7));

        assertThat(view.couponId()).isEqualTo("c-1");
        assertThat(view.userId()).isEqualTo(7);
        assertThat(view.issuedAt()).isEqualTo(clock.instant());
        assertThat(store.copiesOf("c-1")).extracting(IssuedCoupon::id).containsExactly(view.id());
    }

    @Test
    void maps_each_refusal_of_the_store_to_its_error_code() {
        store.addCoupon("c-1", 1);
        issuer.issue(new IssueCouponCommand("c-1", 1));

        assertThatThrownBy(() -> issuer.issue(new IssueCouponCommand("c-1", 1)))
                .isInstanceOfSatisfying(CouponException.class,
                        e -> assertThat(e.code()).isEqualTo(CouponErrorCode.COUPON_ALREADY_ISSUED));
        assertThatThrownBy(() -> issuer.issue(new IssueCouponCommand("c-1", 2)))
                .isInstanceOfSatisfying(CouponException.class,
                        e -> assertThat(e.code()).isEqualTo(CouponErrorCode.COUPON_SOLD_OUT));
        assertThatThrownBy(() -> issuer.issue(new IssueCouponCommand("no-such", 2)))
                .isInstanceOfSatisfying(CouponException.class,
                        e -> assertThat(e.code()).isEqualTo(CouponErrorCode.COUPON_NOT_FOUND));
        assertThat(store.copiesOf("c-1")).hasSize(1);
    }

    @Test
    void a_thousand_users_racing_for_one_hundred_copies_get_exactly_one_hundred() throws Exception {
        store.addCoupon("c-1", 100);

        Map<String, Integer> outcomes = ConcurrentRun.run(1000,
                worker -> () -> issuer.issue(new IssueCouponCommand("c-1", worker + 1)));

        assertThat(outcomes).containsOnly(Map.entry("OK", 100), Map.entry("COUPON_SOLD_OUT", 900));
        assertThat(store.copiesOf("c-1")).hasSize(100);
        assertThat(store.holdersOf("c-1")).hasSize(100);
    }

    @Test
    void one_user_sending_fifty_requests_at_once_gets_exactly_one() throws Exception {
        store.addCoupon("c-1", 100);

        Map<String, Integer> outcomes = ConcurrentRun.run(50, worker -> () -> issuer.issue(new IssueCouponCommand("c-1", 42)));

        assertThat(outcomes).containsOnly(Map.entry("OK", 1), Map.entry("COUPON_ALREADY_ISSUED", 49));
        assertThat(store.copiesOf("c-1")).hasSize(1);
    }
}
