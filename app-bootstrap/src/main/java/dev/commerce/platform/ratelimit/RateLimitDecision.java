package dev.commerce.platform.ratelimit;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What the limiter decided about one request.
 *
 * @param outcome    allowed, limited, or unavailable (the limiter could not tell: the request passes)
 * @param retryAfter when limited: how long the caller should wait; zero otherwise
 */
public record RateLimitDecision(Outcome outcome, Duration retryAfter) {

    public static final RateLimitDecision ALLOWED = new RateLimitDecision(Outcome.ALLOWED, Duration.ZERO);
    public static final RateLimitDecision UNAVAILABLE = new RateLimitDecision(Outcome.UNAVAILABLE, Duration.ZERO);

    public RateLimitDecision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (outcome == Outcome.LIMITED && (retryAfter.isZero() || retryAfter.isNegative())) {
            throw new IllegalArgumentException("a limited request needs a positive retryAfter, was " + retryAfter);
        }
    }

    public static RateLimitDecision limited(Duration retryAfter) {
        return new RateLimitDecision(Outcome.LIMITED, retryAfter);
    }

    /** The outcomes, also the {@code outcome} tag of the {@code ratelimit.requests} counter. */
    public enum Outcome {
        ALLOWED, LIMITED, UNAVAILABLE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
