package dev.commerce.platform.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limit settings ({@code commerce.rate-limit.*}). A limit allows {@code permits} requests of
 * one caller in any {@code window}: a burst of {@code permits}, {@code permits / window} per second
 * sustained. The defaults let a buyer (and a test suite sending a hundred checkout calls at once as
 * one user) through, and slow a script hammering a coupon to 5 issues per second.
 *
 * @param enabled     whether the filter exists at all
 * @param couponIssue per user: {@code POST /api/v1/coupons/{id}/issues}
 * @param checkout    per user, one budget for {@code POST /api/v1/reservations}, {@code /payments},
 *                    {@code /orders} and {@code /orders/{id}/payment}
 * @param anonymous   per address, one budget for all those endpoints, for requests without a caller
 * @param timeout     how long a request waits for the shared limiter's answer before it passes unlimited
 * @param outagePause after half of the last 20 calls to Redis failed, requests pass without asking it
 *                    for this long, then a few trial calls find out whether it is back
 * @param keepAlive   how long Redis keeps a caller's budget after their last request; at least every
 *                    window. Longer: a returning caller's first request costs one Redis round trip
 *                    instead of three; shorter: less memory in Redis
 */
@Validated
@ConfigurationProperties("commerce.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @Valid @DefaultValue CouponIssueLimit couponIssue,
        @Valid @DefaultValue CheckoutLimit checkout,
        @Valid @DefaultValue AnonymousLimit anonymous,
        @NotNull @DefaultValue("250ms") Duration timeout,
        @NotNull @DefaultValue("5s") Duration outagePause,
        @NotNull @DefaultValue("10m") Duration keepAlive) {

    public RateLimitProperties {
        requirePositive(timeout, "commerce.rate-limit.timeout");
        requirePositive(outagePause, "commerce.rate-limit.outage-pause");
        requirePositive(keepAlive, "commerce.rate-limit.keep-alive");
        for (Limit limit : List.of(couponIssue, checkout, anonymous)) {
            if (keepAlive != null && limit != null && limit.window() != null && keepAlive.compareTo(limit.window()) < 0) {
                // a budget forgotten before its window ends would hand out a fresh burst early
                throw new IllegalArgumentException("commerce.rate-limit.keep-alive (" + keepAlive
                        + ") must be at least every window, was shorter than " + limit.window());
            }
        }
    }

    /** A budget: at most {@code permits} requests in any {@code window}. */
    public interface Limit {

        int permits();

        Duration window();
    }

    /** @param permits coupon issues one user may make in any {@code window} */
    public record CouponIssueLimit(@Min(1) @Max(1_000_000) @DefaultValue("20") int permits,
            @NotNull @DefaultValue("4s") Duration window) implements Limit {

        public CouponIssueLimit {
            requireWholeMillis(window, "commerce.rate-limit.coupon-issue.window");
        }
    }

    /** @param permits checkout calls one user may make in any {@code window} */
    public record CheckoutLimit(@Min(1) @Max(1_000_000) @DefaultValue("200") int permits,
            @NotNull @DefaultValue("4s") Duration window) implements Limit {

        public CheckoutLimit {
            requireWholeMillis(window, "commerce.rate-limit.checkout.window");
        }
    }

    /** @param permits calls to hot endpoints without credentials one address may make in any {@code window} */
    public record AnonymousLimit(@Min(1) @Max(1_000_000) @DefaultValue("300") int permits,
            @NotNull @DefaultValue("3s") Duration window) implements Limit {

        public AnonymousLimit {
            requireWholeMillis(window, "commerce.rate-limit.anonymous.window");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }

    /** Redis keeps the window in milliseconds. */
    private static void requireWholeMillis(Duration window, String name) {
        requirePositive(window, name);
        if (window != null && window.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException(name + " must be at least 1ms, was " + window);
        }
    }
}
