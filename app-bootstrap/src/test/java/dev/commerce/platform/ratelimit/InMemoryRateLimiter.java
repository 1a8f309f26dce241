package dev.commerce.platform.ratelimit;

import dev.commerce.platform.ratelimit.RateLimitProperties.Limit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The in-memory twin of {@link RedisRateLimiter} for the filter's tests: {@code permits} requests
 * per key until {@link #windowPasses()}, then refused with the window as Retry-After; can be made
 * unavailable or broken. Remembers the keys it was asked for.
 */
final class InMemoryRateLimiter implements RateLimiter {

    private final Map<String, Integer> taken = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private volatile boolean unavailable;
    private volatile boolean broken;

    @Override
    public RateLimitDecision tryAcquire(String key, Limit limit) {
        asked.add(key);
        if (broken) {
            throw new IllegalStateException("a limiter bug");
        }
        if (unavailable) {
            return RateLimitDecision.UNAVAILABLE;
        }
        int count = taken.merge(key, 1, Integer::sum);
        return count <= limit.permits() ? RateLimitDecision.ALLOWED : RateLimitDecision.limited(limit.window());
    }

    void windowPasses() {
        taken.clear();
    }

    void becomeUnavailable() {
        unavailable = true;
    }

    void breakDown() {
        broken = true;
    }

    List<String> askedKeys() {
        return List.copyOf(asked);
    }
}
