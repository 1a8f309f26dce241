package dev.commerce.coupon.application;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.IssueCouponCommand;
import dev.commerce.coupon.IssueCouponUseCase;
import dev.commerce.coupon.IssuedCouponView;
import dev.commerce.coupon.application.port.OneStepIssue;
import dev.commerce.coupon.domain.IssuedCoupon;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * Issues coupons first come, first served without a lock: the copy is named here (id, time) and the
 * store decides in one indivisible step whether it may exist ({@link OneStepIssue}).
 */
public final class OneStepCouponIssuer implements IssueCouponUseCase {

    private final OneStepIssue store;
    private final Clock clock;

    public OneStepCouponIssuer(OneStepIssue store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public IssuedCouponView issue(IssueCouponCommand command) {
        IssuedCoupon copy = new IssuedCoupon(UUID.randomUUID().toString(), command.couponId(), command.userId(),
                clock.instant());
        return switch (store.issue(copy)) {
            case ISSUED -> CouponViews.of(copy);
            case SOLD_OUT -> throw new CouponException(CouponErrorCode.COUPON_SOLD_OUT,
                    "all copies of coupon " + command.couponId() + " are issued");
            case ALREADY_ISSUED -> throw new CouponException(CouponErrorCode.COUPON_ALREADY_ISSUED,
                    "user " + command.userId() + " already holds coupon " + command.couponId());
            case COUPON_NOT_FOUND -> throw CouponException.notFound(command.couponId());
        };
    }
}
