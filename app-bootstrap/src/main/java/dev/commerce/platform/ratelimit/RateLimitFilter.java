package dev.commerce.platform.ratelimit;

import dev.commerce.platform.ratelimit.RateLimitDecision.Outcome;
import dev.commerce.shared.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests to the hot endpoints beyond the caller's budget with {@code 429 RATE_LIMITED}
 * and {@code Retry-After}. The caller is the {@link Caller} that authentication left in the request
 * attribute {@link #CALLER_ATTRIBUTE}: a user draws on their own coupon-issue or checkout budget,
 * an administrator is not limited, and a request without a caller draws on the budget of its
 * address ({@code getRemoteAddr()}: behind a proxy, configure {@code server.forward-headers-strategy}).
 * Every other request passes untouched and costs nothing.
 *
 * <p>Not a component: it belongs in the security filter chain, after authentication. When the
 * limiter cannot answer (Redis down or slow), the request passes: a rate limit must not take the
 * shop down. Each decision is counted in {@code ratelimit.requests{class, outcome}}.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    /** The request attribute under which authentication leaves the {@link Caller}. */
    public static final String CALLER_ATTRIBUTE = Caller.class.getName();

    static final String METRIC = "ratelimit.requests";

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimiter limiter;
    private final RateLimitProperties properties;
    private final Map<LimitClass, Map<Outcome, Counter>> counters = new EnumMap<>(LimitClass.class);

    public RateLimitFilter(RateLimiter limiter, RateLimitProperties properties, MeterRegistry meters) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.properties = Objects.requireNonNull(properties, "properties");
        for (LimitClass limitClass : LimitClass.values()) {
            Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(outcome, Counter.builder(METRIC)
                        .description("Requests to rate-limited endpoints by budget and decision")
                        .tag("class", limitClass.tag())
                        .tag("outcome", outcome.tag())
                        .register(meters));
            }
            counters.put(limitClass, byOutcome);
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        LimitClass endpoint = HotEndpoints.classify(request.getMethod(),
                request.getRequestURI().substring(request.getContextPath().length()));
        if (endpoint == null) {
            chain.doFilter(request, response);
            return;
        }
        LimitClass limitClass;
        String key;
        if (request.getAttribute(CALLER_ATTRIBUTE) instanceof Caller caller) {
            if (caller.admin()) {
                chain.doFilter(request, response); // back office and load tooling
                return;
            }
            limitClass = endpoint;
            key = endpoint.tag() + ":user:" + caller.userId();
        } else {
            limitClass = LimitClass.ANONYMOUS;
            key = LimitClass.ANONYMOUS.tag() + ":address:" + request.getRemoteAddr();
        }
        RateLimitDecision decision = decide(key, limitClass);
        counters.get(limitClass).get(decision.outcome()).increment();
        if (decision.outcome() == Outcome.LIMITED) {
            refuse(response, limitClass, decision.retryAfter());
            return;
        }
        chain.doFilter(request, response);
    }

    private RateLimitDecision decide(String key, LimitClass limitClass) {
        try {
            return limiter.tryAcquire(key, limitClass.limit(properties));
        } catch (RuntimeException e) {
            // the limiter promises not to throw; if it does anyway, the request still passes
            log.warn("Rate limiter failed; the request passes unlimited", e);
            return RateLimitDecision.UNAVAILABLE;
        }
    }

    private static void refuse(HttpServletResponse response, LimitClass limitClass, Duration retryAfter)
            throws IOException {
        long seconds = wholeSeconds(retryAfter);
        response.setStatus(429);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("""
                {"type":"urn:problem-type:commerce:rate-limited","title":"Rate limited","status":429,\
                "detail":"Too many %s; retry after %d second%s.","code":"RATE_LIMITED"}"""
                .formatted(limitClass.description(), seconds, seconds == 1 ? "" : "s"));
    }

    /** Retry-After is whole seconds; rounded up, so that a client waiting that long is not refused for waiting too little. */
    static long wholeSeconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
