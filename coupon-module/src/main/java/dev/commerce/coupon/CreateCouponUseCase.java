package dev.commerce.coupon;

/** Creates a coupon with a fixed number of copies to hand out, first come, first served. */
public interface CreateCouponUseCase {

    CouponView create(CreateCouponCommand command);
}
