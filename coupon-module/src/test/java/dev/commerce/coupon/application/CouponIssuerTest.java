package dev.commerce.coupon.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.CouponView;
import dev.commerce.coupon.IssueCouponCommand;
import dev.commerce.coupon.IssuedCouponStatus;
import dev.commerce.coupon.IssuedCouponView;
import org.junit.jupiter.api.Test;

class CouponIssuerTest {

    private final Coupons coupons = new Coupons();

    @Test
    void issues_a_copy_and_counts_it() {
        CouponView coupon = coupons.aCoupon(2);

        IssuedCouponView issued = coupons.issuer.issue(new IssueCouponCommand(coupon.id(), 42));

        assertThat(issued.couponId()).isEqualTo(coupon.id());
        assertThat(issued.userId()).isEqualTo(42);
        assertThat(issued.status()).isEqualTo(IssuedCouponStatus.ISSUED);
        assertThat(issued.orderId()).isNull();
        assertThat(coupons.catalog.getCoupon(coupon.id()))
                .isEqualTo(new CouponView(coupon.id(), "WELCOME", 2, 1, 1, 0));
        assertThat(coupons.catalog.listUserCoupons(dev.commerce.shared.Caller.buyer(42), 42, 0, 50)).containsExactly(issued);
        assertThat(coupons.lockPort.isLocked(coupon.id())).isFalse();
    }

    @Test
    void the_copy_after_the_last_is_sold_out_and_changes_nothing() {
        CouponView coupon = coupons.aCoupon(1);
        coupons.issuer.issue(new IssueCouponCommand(coupon.id(), 1));

        assertThatThrownBy(() -> coupons.issuer.issue(new IssueCouponCommand(coupon.id(), 2)))
                .isInstanceOfSatisfying(CouponException.class,
                        e -> assertThat(e.code()).isEqualTo(CouponErrorCode.COUPON_SOLD_OUT));
        assertThat(coupons.catalog.getCoupon(coupon.id()).issuedQuantity()).isEqualTo(1);
        assertThat(coupons.issued.findByCoupon(coupon.id())).hasSize(1);
    }

    @Test
    void a_user_gets_one_copy_of_a_coupon_only() {
        CouponView coupon = coupons.aCoupon(5);
        coupons.issuer.issue(new IssueCouponCommand(coupon.id(), 7));

        assertThatThrownBy(() -> coupons.issuer.issue(new IssueCouponCommand(coupon.id(), 7)))
                .isInstanceOfSatisfying(CouponException.class,
                        e -> assertThat(e.code()).isEqualTo(CouponErrorCode.COUPON_ALREADY_ISSUED));
        assertThat(coupons.catalog.getCoupon(coupon.id()).issuedQuantity()).isEqualTo(1);
    }

    @Test
    void a_rejected_insert_rolls_back_the_count() {
        CouponView coupon = coupons.aCoupon(5);
        coupons.issuer.issue(new IssueCouponCommand(coupon.id(), 7));

        // Past the pre-checks, straight into the critical section: the unique key must refuse it
        // and the counted copy must be undone with the transaction.
        assertThatThrownBy(() -> coupons.lockPort.withCouponLocked(coupon.id(), token ->
                coupons.issuer.issueHolding(token, new IssueCouponCommand(coupon.id(), 7))))
                .isInstanceOfSatisfying(CouponException.class,
                        e -> assertThat(e.code()).isEqualTo(CouponErrorCode.COUPON_ALREADY_ISSUED));
        assertThat(coupons.catalog.getCoupon(coupon.id()).issuedQuantity()).isEqualTo(1);
    }

    @Test
    void an_unknown_coupon_is_not_found() {
        assertThatThrownBy(() -> coupons.issuer.issue(new IssueCouponCommand("nope", 1)))
                .isInstanceOfSatisfying(CouponException.class,
                        e -> assertThat(e.code()).isEqualTo(CouponErrorCode.COUPON_NOT_FOUND));
        assertThatThrownBy(() -> coupons.catalog.getCoupon("nope"))
                .isInstanceOfSatisfying(CouponException.class,
                        e -> assertThat(e.code()).isEqualTo(CouponErrorCode.COUPON_NOT_FOUND));
    }

    @Test
    void a_lock_not_obtained_in_time_is_lock_unavailable_with_retry_after_never_sold_out() throws Exception {
        Coupons shortWait = new Coupons(java.time.Duration.ofMillis(50), java.time.Duration.ofSeconds(30));
        CouponView coupon = shortWait.aCoupon(10);
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> shortWait.lockPort.withCouponLocked(coupon.id(), token -> {
            held.countDown();
            try {
                return release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        held.await();

        assertThatThrownBy(() -> shortWait.issuer.issue(new IssueCouponCommand(coupon.id(), 1)))
                .isInstanceOfSatisfying(CouponException.class, e -> {
                    assertThat(e.code()).isEqualTo(CouponErrorCode.LOCK_UNAVAILABLE);
                    assertThat(e.retryAfter()).contains(CouponException.DEFAULT_RETRY_AFTER);
                });
        release.countDown();
        holder.join();
        assertThat(shortWait.catalog.getCoupon(coupon.id()).issuedQuantity()).isZero();
    }
}
