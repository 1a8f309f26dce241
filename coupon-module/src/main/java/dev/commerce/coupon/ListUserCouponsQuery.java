package dev.commerce.coupon;

import dev.commerce.shared.Caller;
import java.util.List;

/** Lists the coupons issued to one user, oldest first, a page at a time. */
public interface ListUserCouponsQuery {

    /** Copies per page when the caller names no size. */
    int DEFAULT_PAGE_SIZE = 50;
    /** The largest page: a list that grows with use is never answered whole. */
    int MAX_PAGE_SIZE = 200;

    /**
     * @param page 0-based page number
     * @param size copies per page, 1 to {@link #MAX_PAGE_SIZE}
     * @throws CouponException {@code INVALID_REQUEST} for a user id that is not positive or a bad
     *                         page; {@code FORBIDDEN} when a caller who is not an administrator
     *                         asks for another user's coupons
     */
    List<IssuedCouponView> listUserCoupons(Caller caller, long userId, int page, int size);
}
