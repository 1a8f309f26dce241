package dev.commerce.coupon;

/**
 * Applies a coupon a buyer holds to one of their orders: an issued copy is redeemed by at most one
 * order at a time, however many requests, retries and instances race for it. For the order module;
 * there is no HTTP endpoint of its own.
 *
 * <p>The decision is ONE conditional write of the copy's row in PostgreSQL. Called inside a
 * transaction (READ COMMITTED, the default), the write joins it: the copy stays locked, and is
 * redeemed only if that transaction commits; concurrent redeems of the same copy wait for it.
 */
public interface RedeemCouponUseCase {

    /**
     * Redeems the user's {@code ISSUED} copy of the coupon for the order ({@code REDEEMED}, with the
     * order's id). Redeeming it again for the same order changes nothing and answers the same: events
     * and retries may repeat a redeem.
     *
     * @return the redeemed copy and the coupon's discount
     * @throws CouponException {@code COUPON_NOT_HELD} (409) when the user holds no copy of the coupon
     *                         or there is no such coupon; {@code COUPON_ALREADY_REDEEMED} (409) when
     *                         the copy is redeemed for another order. Nothing changes in either case.
     */
    RedeemedCouponView redeem(RedeemCouponCommand command);
}
