package dev.commerce.coupon.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.CouponView;
import dev.commerce.coupon.IssueCouponCommand;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A holder paused past its lease must not write after the holder that took the lock from it. */
class CouponFencingTest {

    private final Coupons coupons = new Coupons(Duration.ofSeconds(10), Duration.ofMillis(200));

    @Test
    void a_holder_paused_past_its_lease_is_rejected_by_the_fencing_token() throws Exception {
        CouponView coupon = coupons.aCoupon(10);
        CountDownLatch aHolds = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);

        CompletableFuture<Object> a = CompletableFuture.supplyAsync(() -> coupons.lockPort.withCouponLocked(
                coupon.id(), token -> {
                    aHolds.countDown();
                    await(bDone); // paused well past its 200 ms lease
                    return coupons.issuer.issueHolding(token, new IssueCouponCommand(coupon.id(), 1));
                }));
        assertThat(aHolds.await(10, TimeUnit.SECONDS)).isTrue();
        // B waits until A's lease has run out, then takes the lock with a newer token and issues.
        coupons.issuer.issue(new IssueCouponCommand(coupon.id(), 2));
        bDone.countDown();

        assertThatThrownBy(() -> a.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CouponException.class)
                .cause().satisfies(e -> assertThat(((CouponException) e).code())
                        .isEqualTo(CouponErrorCode.LOCK_UNAVAILABLE));
        assertThat(coupons.catalog.getCoupon(coupon.id()).issuedQuantity()).isEqualTo(1);
        assertThat(coupons.issued.findByCoupon(coupon.id())).singleElement()
                .satisfies(issued -> assertThat(issued.userId()).isEqualTo(2));
        assertThat(coupons.coupons.fenceToken(coupon.id())).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
