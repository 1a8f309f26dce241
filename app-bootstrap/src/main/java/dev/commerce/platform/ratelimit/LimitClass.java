package dev.commerce.platform.ratelimit;

import dev.commerce.platform.ratelimit.RateLimitProperties.Limit;

/** The budgets a request can draw on; also the {@code class} tag of the {@code ratelimit.requests} counter. */
enum LimitClass {
    /** Per user: {@code POST /api/v1/coupons/{id}/issues}. */
    COUPON_ISSUE("coupon-issue", "coupon issue requests"),
    /** Per user: reservations, payments, orders and order payments. */
    CHECKOUT("checkout", "checkout requests"),
    /** Per address: every hot endpoint, for requests without a caller. */
    ANONYMOUS("anonymous", "requests from this address");

    private final String tag;
    private final String description;

    LimitClass(String tag, String description) {
        this.tag = tag;
        this.description = description;
    }

    String tag() {
        return tag;
    }

    String description() {
        return description;
    }

    Limit limit(RateLimitProperties properties) {
        return switch (this) {
            case COUPON_ISSUE -> properties.couponIssue();
            case CHECKOUT -> properties.checkout();
            case ANONYMOUS -> properties.anonymous();
        };
    }
}
