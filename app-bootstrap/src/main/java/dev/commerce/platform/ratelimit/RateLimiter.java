package dev.commerce.platform.ratelimit;

import dev.commerce.platform.ratelimit.RateLimitProperties.Limit;

/**
 * Budgets of callers shared by every instance of the service: whoever asks, on whichever instance,
 * draws on the same budget for the same key.
 */
public interface RateLimiter {

    /**
     * Takes one request from the budget {@code key} under {@code limit}. Never throws and never
     * waits long: when the shared store cannot answer in time, the answer is
     * {@link RateLimitDecision.Outcome#UNAVAILABLE} and the caller lets the request through.
     */
    RateLimitDecision tryAcquire(String key, Limit limit);
}
