package dev.commerce.coupon.application;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.RedeemCouponCommand;
import dev.commerce.coupon.RedeemCouponUseCase;
import dev.commerce.coupon.RedeemedCouponView;
import dev.commerce.coupon.ReleaseCouponCommand;
import dev.commerce.coupon.ReleaseCouponUseCase;
import dev.commerce.coupon.application.port.CouponRepository;
import dev.commerce.coupon.application.port.IssuedCouponRepository;
import dev.commerce.coupon.domain.IssuedCoupon;
import java.util.Objects;
import java.util.Optional;

/**
 * Redeems a held copy for an order and releases it again. The store's conditional write
 * ({@link IssuedCouponRepository#redeem}) decides who gets an {@code ISSUED} copy; no lock is taken:
 * the state is one row per copy and the racers are one buyer's own requests (ADR 10). A refused write
 * is explained by reading the copy afterwards.
 */
public final class CouponRedeemer implements RedeemCouponUseCase, ReleaseCouponUseCase {

    /**
     * A refused write followed by a read that finds the copy usable means it was released in between;
     * the write decides again. A copy released and redeemed by others over and over is refused after
     * this many rounds, as redeemed by another order (which it was at the last refused write).
     */
    static final int MAX_ATTEMPTS = 5;

    private final CouponRepository coupons;
    private final IssuedCouponRepository issuedCoupons;

    public CouponRedeemer(CouponRepository coupons, IssuedCouponRepository issuedCoupons) {
        this.coupons = Objects.requireNonNull(coupons, "coupons");
        this.issuedCoupons = Objects.requireNonNull(issuedCoupons, "issuedCoupons");
    }

    @Override
    public RedeemedCouponView redeem(RedeemCouponCommand command) {
        for (int attempt = 1; ; attempt++) {
            Optional<IssuedCoupon> redeemed = issuedCoupons.redeem(command.couponId(), command.userId(),
                    command.orderId());
            if (redeemed.isPresent()) {
                return viewOf(redeemed.get());
            }
            IssuedCoupon copy = issuedCoupons.find(command.couponId(), command.userId())
                    .orElseThrow(() -> notHeld(command));
            if (copy.isRedeemedFor(command.orderId())) {
                return viewOf(copy); // a repeated redeem of the same order: the same answer, nothing changed
            }
            if (!copy.isUsable() || attempt == MAX_ATTEMPTS) {
                throw alreadyRedeemed(command);
            }
        }
    }

    @Override
    public boolean release(ReleaseCouponCommand command) {
        return issuedCoupons.release(command.couponId(), command.userId(), command.orderId());
    }

    private RedeemedCouponView viewOf(IssuedCoupon copy) {
        // a copy's coupon exists (foreign key) and its discount never changes
        long discount = coupons.find(copy.couponId())
                .orElseThrow(() -> new IllegalStateException("copy " + copy.id() + " of a missing coupon"))
                .discount();
        return CouponViews.redeemed(copy, discount);
    }

    private static CouponException notHeld(RedeemCouponCommand command) {
        return new CouponException(CouponErrorCode.COUPON_NOT_HELD,
                "user " + command.userId() + " holds no copy of coupon " + command.couponId());
    }

    private static CouponException alreadyRedeemed(RedeemCouponCommand command) {
        return new CouponException(CouponErrorCode.COUPON_ALREADY_REDEEMED,
                "user " + command.userId() + "'s copy of coupon " + command.couponId()
                        + " is redeemed for another order");
    }
}
