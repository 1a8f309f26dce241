package dev.commerce.platform.ratelimit;

import java.util.regex.Pattern;

/** Which requests are rate limited, and under which per-user budget; every other request is not. */
final class HotEndpoints {

    private static final Pattern COUPON_ISSUE = Pattern.compile("/api/v1/coupons/[^/]+/issues");
    private static final Pattern CHECKOUT = Pattern.compile("/api/v1/(reservations|payments|orders|orders/[^/]+/payment)");

    private HotEndpoints() {
    }

    /**
     * The budget of a request, or {@code null} when it is not limited.
     *
     * @param path the path within the application (without the context path), as received
     */
    static LimitClass classify(String method, String path) {
        if (!"POST".equals(method) || path == null) {
            return null;
        }
        if (COUPON_ISSUE.matcher(path).matches()) {
            return LimitClass.COUPON_ISSUE;
        }
        if (CHECKOUT.matcher(path).matches()) {
            return LimitClass.CHECKOUT;
        }
        return null;
    }
}
