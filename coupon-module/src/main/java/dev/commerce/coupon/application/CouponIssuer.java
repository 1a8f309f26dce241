package dev.commerce.coupon.application;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.IssueCouponCommand;
import dev.commerce.coupon.IssueCouponUseCase;
import dev.commerce.coupon.IssuedCouponView;
import dev.commerce.coupon.application.port.CouponRepository;
import dev.commerce.coupon.application.port.FencingToken;
import dev.commerce.coupon.application.port.IssuedCouponRepository;
import dev.commerce.coupon.application.port.CouponLock;
import dev.commerce.coupon.domain.Coupon;
import dev.commerce.coupon.domain.IssuedCoupon;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Issues coupons first come, first served: read, decide and write under the coupon's lock, the
 * write fenced by the lock's token and bounded by the store's own constraints.
 */
public final class CouponIssuer implements IssueCouponUseCase {

    private final CouponRepository coupons;
    private final IssuedCouponRepository issuedCoupons;
    private final CouponLock lockPort;
    private final Clock clock;
    private final Duration retryAfter;

    public CouponIssuer(CouponRepository coupons, IssuedCouponRepository issuedCoupons, CouponLock lockPort,
            Clock clock, Duration retryAfter) {
        this.coupons = Objects.requireNonNull(coupons, "coupons");
        this.issuedCoupons = Objects.requireNonNull(issuedCoupons, "issuedCoupons");
        this.lockPort = Objects.requireNonNull(lockPort, "lockPort");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    @Override
    public IssuedCouponView issue(IssueCouponCommand command) {
        // Answers that can only stay true (sold out, already issued) are given without queueing
        // for the lock; everything else is decided again under it.
        Coupon unlocked = coupons.find(command.couponId())
                .orElseThrow(() -> CouponException.notFound(command.couponId()));
        if (issuedCoupons.exists(command.couponId(), command.userId())) {
            throw alreadyIssued(command);
        }
        if (unlocked.isSoldOut()) {
            throw Coupon.soldOut(unlocked.id(), unlocked.totalQuantity());
        }
        return lockPort.withCouponLocked(command.couponId(), token -> issueHolding(token, command));
    }

    /**
     * The critical section of {@link #issue}: call it only inside {@link CouponLock#withCouponLocked}
     * for the command's coupon, with the token that lock handed out. Public so that tests can pause
     * a holder inside it; a caller with a stale token is rejected by the store and changes nothing.
     */
    public IssuedCouponView issueHolding(FencingToken token, IssueCouponCommand command) {
        Coupon coupon = coupons.find(command.couponId())
                .orElseThrow(() -> CouponException.notFound(command.couponId()));
        if (issuedCoupons.exists(coupon.id(), command.userId())) {
            throw alreadyIssued(command);
        }
        IssuedCoupon issued = coupon.issueTo(command.userId(), UUID.randomUUID().toString(), clock.instant());
        switch (coupons.recordIssue(coupon.id(), token)) {
            case RECORDED -> { }
            case SOLD_OUT -> throw Coupon.soldOut(coupon.id(), coupon.totalQuantity());
            case STALE_TOKEN -> throw CouponException.lockUnavailable("the lock of coupon " + coupon.id()
                    + " expired before the write (fencing token " + token.value() + " is stale); retry",
                    retryAfter, null);
        }
        // The unique (coupon, user) constraint answers a race this check-then-insert cannot see.
        issuedCoupons.add(issued);
        return CouponViews.of(issued);
    }

    private static CouponException alreadyIssued(IssueCouponCommand command) {
        return new CouponException(CouponErrorCode.COUPON_ALREADY_ISSUED,
                "user " + command.userId() + " already holds coupon " + command.couponId());
    }
}
