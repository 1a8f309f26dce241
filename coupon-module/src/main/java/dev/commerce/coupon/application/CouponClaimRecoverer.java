package dev.commerce.coupon.application;

import dev.commerce.coupon.RecoverCouponClaimsUseCase;
import dev.commerce.coupon.application.port.ClaimRecovery;
import java.util.Objects;

/** Recovers the atomic strategy's unwritten claims through its {@link ClaimRecovery}. */
public final class CouponClaimRecoverer implements RecoverCouponClaimsUseCase {

    private final ClaimRecovery recovery;

    public CouponClaimRecoverer(ClaimRecovery recovery) {
        this.recovery = Objects.requireNonNull(recovery, "recovery");
    }

    @Override
    public int recoverClaims() {
        return recovery.recover();
    }
}
