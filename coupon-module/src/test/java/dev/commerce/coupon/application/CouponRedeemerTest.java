package dev.commerce.coupon.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.IssueCouponCommand;
import dev.commerce.coupon.IssuedCouponStatus;
import dev.commerce.coupon.IssuedCouponView;
import dev.commerce.coupon.RedeemCouponCommand;
import dev.commerce.coupon.RedeemedCouponView;
import dev.commerce.coupon.ReleaseCouponCommand;
import dev.commerce.coupon.application.port.IssuedCouponRepository;
import dev.commerce.coupon.domain.IssuedCoupon;
import dev.commerce.shared.Caller;
import dev.commerce.testing.ConcurrentRun;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Redeeming a held copy for an order and releasing it, on the in-memory twin of the copies' store. */
class CouponRedeemerTest {

    private static final long BUYER = 42;

    private final Coupons coupons = new Coupons();

    @Test
    void a_held_copy_is_redeemed_for_the_order_and_the_order_learns_the_discount() {
        String coupon = coupons.aCoupon(5, 3000).id();
        IssuedCouponView issued = coupons.issuer.issue(new IssueCouponCommand(coupon, BUYER));

        RedeemedCouponView redeemed = coupons.redeemer.redeem(new RedeemCouponCommand(coupon, BUYER, "o-1"));

        assertThat(redeemed).isEqualTo(new RedeemedCouponView(issued.id(), coupon, BUYER, "o-1", 3000));
        assertThat(copyOf(coupon)).satisfies(copy -> {
            assertThat(copy.status()).isEqualTo(IssuedCouponStatus.REDEEMED);
            assertThat(copy.orderId()).isEqualTo("o-1");
        });
    }

    @Test
    void redeeming_again_for_the_same_order_answers_the_same_and_changes_nothing() {
        String coupon = coupons.aCoupon(5, 500).id();
        coupons.issuer.issue(new IssueCouponCommand(coupon, BUYER));
        RedeemedCouponView first = coupons.redeemer.redeem(new RedeemCouponCommand(coupon, BUYER, "o-1"));

        RedeemedCouponView again = coupons.redeemer.redeem(new RedeemCouponCommand(coupon, BUYER, "o-1"));

        assertThat(again).isEqualTo(first);
        assertThat(copyOf(coupon).orderId()).isEqualTo("o-1");
    }

    @Test
    void a_user_who_holds_no_copy_is_told_coupon_not_held_and_nothing_changes() {
        String coupon = coupons.aCoupon(5).id();
        coupons.issuer.issue(new IssueCouponCommand(coupon, 7)); // another user's copy

        assertRefused(new RedeemCouponCommand(coupon, BUYER, "o-1"), CouponErrorCode.COUPON_NOT_HELD);
        assertRefused(new RedeemCouponCommand("no-such-coupon", BUYER, "o-1"), CouponErrorCode.COUPON_NOT_HELD);
        assertThat(coupons.issued.findByCoupon(coupon)).singleElement()
                .satisfies(copy -> assertThat(copy.isUsable()).as("user 7's copy untouched").isTrue());
    }

    @Test
    void a_copy_redeemed_for_another_order_is_refused_as_already_redeemed() {
        String coupon = coupons.aCoupon(5).id();
        coupons.issuer.issue(new IssueCouponCommand(coupon, BUYER));
        coupons.redeemer.redeem(new RedeemCouponCommand(coupon, BUYER, "o-1"));

        assertRefused(new RedeemCouponCommand(coupon, BUYER, "o-2"), CouponErrorCode.COUPON_ALREADY_REDEEMED);
        assertThat(copyOf(coupon).orderId()).isEqualTo("o-1");
    }

    @Test
    void releasing_makes_the_copy_usable_again_for_another_order() {
        String coupon = coupons.aCoupon(5).id();
        coupons.issuer.issue(new IssueCouponCommand(coupon, BUYER));
        coupons.redeemer.redeem(new RedeemCouponCommand(coupon, BUYER, "o-1"));

        assertThat(coupons.redeemer.release(new ReleaseCouponCommand(coupon, BUYER, "o-1"))).isTrue();

        assertThat(copyOf(coupon).isUsable()).isTrue();
        assertThat(copyOf(coupon).orderId()).isNull();
        assertThat(coupons.catalog.listUserCoupons(Caller.buyer(BUYER), BUYER, 0, 50)).singleElement()
                .satisfies(view -> assertThat(view.status()).isEqualTo(IssuedCouponStatus.ISSUED));
        assertThat(coupons.redeemer.release(new ReleaseCouponCommand(coupon, BUYER, "o-1")))
                .as("a repeated release changes nothing").isFalse();
        assertThat(coupons.redeemer.redeem(new RedeemCouponCommand(coupon, BUYER, "o-2")).orderId()).isEqualTo("o-2");
    }

    @Test
    void releasing_for_another_order_or_a_copy_not_redeemed_is_a_no_op() {
        String coupon = coupons.aCoupon(5).id();
        coupons.issuer.issue(new IssueCouponCommand(coupon, BUYER));

        assertThat(coupons.redeemer.release(new ReleaseCouponCommand(coupon, BUYER, "o-1")))
                .as("never redeemed").isFalse();
        assertThat(copyOf(coupon).isUsable()).isTrue();

        coupons.redeemer.redeem(new RedeemCouponCommand(coupon, BUYER, "o-1"));
        assertThat(coupons.redeemer.release(new ReleaseCouponCommand(coupon, BUYER, "o-2")))
                .as("redeemed for another order").isFalse();
        assertThat(coupons.redeemer.release(new ReleaseCouponCommand(coupon, 7, "o-1")))
                .as("another user").isFalse();
        assertThat(coupons.redeemer.release(new ReleaseCouponCommand("no-such-coupon", BUYER, "o-1")))
                .as("no such coupon").isFalse();
        assertThat(copyOf(coupon).isRedeemedFor("o-1")).isTrue();
    }

    @Test
    void ten_concurrent_redeems_of_one_copy_for_ten_orders_redeem_it_exactly_once() throws Exception {
        String coupon = coupons.aCoupon(5).id();
        coupons.issuer.issue(new IssueCouponCommand(coupon, BUYER));

        List<String> outcomes = ConcurrentRun.outcomes(10,
                worker -> () -> coupons.redeemer.redeem(new RedeemCouponCommand(coupon, BUYER, "o-" + worker)));

        assertThat(ConcurrentRun.count(outcomes))
                .containsOnly(Map.entry("OK", 1), Map.entry("COUPON_ALREADY_REDEEMED", 9));
        assertThat(copyOf(coupon).orderId()).isEqualTo("o-" + outcomes.indexOf(ConcurrentRun.OK));
    }

    @Test
    void a_copy_released_between_the_refused_write_and_the_read_is_redeemed_on_the_next_write() {
        String coupon = coupons.aCoupon(5, 100).id();
        coupons.issuer.issue(new IssueCouponCommand(coupon, BUYER));
        coupons.redeemer.redeem(new RedeemCouponCommand(coupon, BUYER, "o-1"));
        // order o-1 is cancelled right after o-2's write found the copy redeemed
        AtomicBoolean released = new AtomicBoolean();
        IssuedCouponRepository releasingAfterTheFirstWrite = new Delegating(coupons.issued) {
            @Override
            public Optional<IssuedCoupon> redeem(String couponId, long userId, String orderId) {
                Optional<IssuedCoupon> result = super.redeem(couponId, userId, orderId);
                if (result.isEmpty() && released.compareAndSet(false, true)) {
                    super.release(couponId, userId, "o-1");
                }
                return result;
            }
        };
        CouponRedeemer redeemer = new CouponRedeemer(coupons.coupons, releasingAfterTheFirstWrite);

        assertThat(redeemer.redeem(new RedeemCouponCommand(coupon, BUYER, "o-2")).orderId()).isEqualTo("o-2");
        assertThat(released).isTrue();
        assertThat(copyOf(coupon).isRedeemedFor("o-2")).isTrue();
    }

    @Test
    void malformed_redeem_and_release_commands_are_invalid_requests() {
        for (Runnable creation : List.<Runnable>of(
                () -> new RedeemCouponCommand(" ", 1, "o"), () -> new RedeemCouponCommand("c", 0, "o"),
                () -> new RedeemCouponCommand("c", 1, null), () -> new RedeemCouponCommand("c", 1, "o".repeat(101)),
                () -> new ReleaseCouponCommand(null, 1, "o"), () -> new ReleaseCouponCommand("c", -1, "o"),
                () -> new ReleaseCouponCommand("c", 1, " "))) {
            assertThatThrownBy(creation::run).isInstanceOfSatisfying(CouponException.class,
                    e -> assertThat(e.code()).isEqualTo(CouponErrorCode.INVALID_REQUEST));
        }
    }

    private IssuedCoupon copyOf(String coupon) {
        return coupons.issued.find(coupon, BUYER).orElseThrow();
    }

    private void assertRefused(RedeemCouponCommand command, CouponErrorCode code) {
        assertThatThrownBy(() -> coupons.redeemer.redeem(command)).isInstanceOfSatisfying(CouponException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    /** The in-memory store, to be overridden where a test interleaves another caller's step. */
    private static class Delegating implements IssuedCouponRepository {

        private final IssuedCouponRepository store;

        Delegating(IssuedCouponRepository store) {
            this.store = store;
        }

        @Override
        public void add(IssuedCoupon issued) {
            store.add(issued);
        }

        @Override
        public boolean exists(String couponId, long userId) {
            return store.exists(couponId, userId);
        }

        @Override
        public Optional<IssuedCoupon> find(String couponId, long userId) {
            return store.find(couponId, userId);
        }

        @Override
        public List<IssuedCoupon> findByUser(long userId, int offset, int limit) {
            return store.findByUser(userId, offset, limit);
        }

        @Override
        public Optional<IssuedCoupon> redeem(String couponId, long userId, String orderId) {
            return store.redeem(couponId, userId, orderId);
        }

        @Override
        public boolean release(String couponId, long userId, String orderId) {
            return store.release(couponId, userId, orderId);
        }
    }
}
