package dev.commerce.coupon.application;

import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.CouponView;
import dev.commerce.coupon.CreateCouponCommand;
import dev.commerce.coupon.CreateCouponUseCase;
import dev.commerce.coupon.GetCouponQuery;
import dev.commerce.coupon.IssuedCouponView;
import dev.commerce.coupon.ListUserCouponsQuery;
import dev.commerce.coupon.application.port.CouponRepository;
import dev.commerce.coupon.application.port.IssuedCouponRepository;
import dev.commerce.coupon.domain.Coupon;
import dev.commerce.shared.Caller;
import dev.commerce.shared.CommonErrorCode;
import dev.commerce.shared.DomainException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Creates and reads coupons, and lists the copies a user holds. None of this needs the coupon lock. */
public final class CouponCatalog implements CreateCouponUseCase, GetCouponQuery, ListUserCouponsQuery {

    private final CouponRepository coupons;
    private final IssuedCouponRepository issuedCoupons;
    private final Clock clock;

    public CouponCatalog(CouponRepository coupons, IssuedCouponRepository issuedCoupons, Clock clock) {
        this.coupons = Objects.requireNonNull(coupons, "coupons");
        this.issuedCoupons = Objects.requireNonNull(issuedCoupons, "issuedCoupons");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CouponView create(CreateCouponCommand command) {
        Coupon coupon = Coupon.create(UUID.randomUUID().toString(), command.name(), command.totalQuantity(),
                command.discount(), clock.instant());
        coupons.add(coupon);
        return CouponViews.of(coupon);
    }

    @Override
    public CouponView getCoupon(String couponId) {
        if (couponId == null || couponId.isBlank()) {
            throw CouponException.invalidRequest("couponId must not be blank");
        }
        return coupons.find(couponId).map(CouponViews::of).orElseThrow(() -> CouponException.notFound(couponId));
    }

    @Override
    public List<IssuedCouponView> listUserCoupons(Caller caller, long userId, int page, int size) {
        if (userId <= 0) {
            throw CouponException.invalidRequest("userId must be positive");
        }
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw CouponException.invalidRequest("page must be at least 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        if (!caller.admin() && caller.userId() != userId) {
            throw new DomainException(CommonErrorCode.FORBIDDEN, "a buyer lists only their own coupons");
        }
        long offset = (long) page * size;
        if (offset > Integer.MAX_VALUE) {
            return List.of();
        }
        return issuedCoupons.findByUser(userId, (int) offset, size).stream().map(CouponViews::of).toList();
    }
}
