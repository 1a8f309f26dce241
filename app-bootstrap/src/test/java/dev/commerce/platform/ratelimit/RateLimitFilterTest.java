package dev.commerce.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.commerce.platform.ratelimit.RateLimitProperties.AnonymousLimit;
import dev.commerce.platform.ratelimit.RateLimitProperties.CheckoutLimit;
import dev.commerce.platform.ratelimit.RateLimitProperties.CouponIssueLimit;
import dev.commerce.shared.Caller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The filter's decisions, on the in-memory limiter: who is limited, on which budget, and what they get. */
class RateLimitFilterTest {

    private static final int COUPON_PERMITS = 3;
    private static final int CHECKOUT_PERMITS = 5;
    private static final int ANONYMOUS_PERMITS = 4;

    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RateLimitProperties properties = new RateLimitProperties(true,
            new CouponIssueLimit(COUPON_PERMITS, Duration.ofSeconds(4)),
            new CheckoutLimit(CHECKOUT_PERMITS, Duration.ofSeconds(4)),
            new AnonymousLimit(ANONYMOUS_PERMITS, Duration.ofMillis(2500)),
            Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMinutes(10));
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new PassingController())
            .addFilters(new RateLimitFilter(limiter, properties, meters))
            .build();

    @Test
    void a_buyer_beyond_their_coupon_issue_budget_gets_429_rate_limited_with_retry_after() throws Exception {
        for (int i = 0; i < COUPON_PERMITS; i++) {
            passes(issue("c-1").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(42)));
        }

        mvc.perform(issue("c-1").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(42)))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "4"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:problem-type:commerce:rate-limited"))
                .andExpect(jsonPath("$.title").value("Rate limited"))
                .andExpect(jsonPath("$.status").value(429))
                .andExpect(jsonPath("$.detail").value("Too many coupon issue requests; retry after 4 seconds."))
                .andExpect(jsonPath("$.code").value("RATE_LIMITED"))
                .andExpect(content().string(not(containsString("passed"))));
    }

    @Test
    void a_refused_buyer_passes_again_once_the_window_has_passed() throws Exception {
        for (int i = 0; i < COUPON_PERMITS; i++) {
            passes(issue("c-1").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(42)));
        }
        refused(issue("c-1").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(42)));

        limiter.windowPasses();

        passes(issue("c-1").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(42)));
    }

    @Test
    void each_buyer_has_a_budget_of_their_own() throws Exception {
        for (int i = 0; i < COUPON_PERMITS; i++) {
            passes(issue("c-1").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(42)));
        }
        refused(issue("c-1").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(42)));

        passes(issue("c-1").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(43)));
        assertThat(limiter.askedKeys()).contains("coupon-issue:user:42", "coupon-issue:user:43");
    }

    @Test
    void one_budget_covers_every_coupon_a_buyer_issues() throws Exception {
        for (int i = 0; i < COUPON_PERMITS; i++) {
            passes(issue("c-" + i).requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(42)));
        }

        refused(issue("c-other").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(42)));
    }

    @Test
    void coupon_issues_and_checkout_draw_on_separate_budgets() throws Exception {
        for (int i = 0; i < COUPON_PERMITS; i++) {
            passes(issue("c-1").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(42)));
        }
        refused(issue("c-1").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(42)));

        passes(post("/api/v1/orders").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(42)));
    }

    @Test
    void the_four_checkout_endpoints_share_one_budget_of_the_checkout_size() throws Exception {
        String[] checkout = {"/api/v1/reservations", "/api/v1/payments", "/api/v1/orders", "/api/v1/orders/o-1/payment",
                "/api/v1/orders/o-2/payment"};
        for (String path : checkout) {
            passes(post(path).requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(7)));
        }

        mvc.perform(post("/api/v1/reservations").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(7)))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.detail").value("Too many checkout requests; retry after 4 seconds."));
        assertThat(limiter.askedKeys()).containsOnly("checkout:user:7");
    }

    @Test
    void requests_without_a_caller_share_one_budget_per_address_across_all_hot_endpoints() throws Exception {
        String[] hot = {"/api/v1/coupons/c-1/issues", "/api/v1/orders", "/api/v1/payments", "/api/v1/reservations"};
        for (String path : hot) {
            passes(post(path).with(from("203.0.113.9")));
        }

        mvc.perform(post("/api/v1/orders/o-1/payment").with(from("203.0.113.9")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "3")) // 2.5 s, rounded up
                .andExpect(jsonPath("$.detail").value("Too many requests from this address; retry after 3 seconds."));
        passes(post("/api/v1/orders").with(from("203.0.113.10")));
        assertThat(limiter.askedKeys()).contains("anonymous:address:203.0.113.9", "anonymous:address:203.0.113.10");
    }

    @Test
    void a_buyer_is_limited_by_their_user_id_not_their_address() throws Exception {
        for (int i = 0; i < ANONYMOUS_PERMITS; i++) {
            passes(post("/api/v1/orders").with(from("198.51.100.1")));
        }

        passes(post("/api/v1/orders").with(from("198.51.100.1")).requestAttr(RateLimitFilter.CALLER_ATTRIBUTE,
                Caller.buyer(42)));
    }

    @Test
    void administrators_are_never_limited_and_cost_no_limiter_call() throws Exception {
        for (int i = 0; i < 3 * CHECKOUT_PERMITS; i++) {
            passes(post("/api/v1/payments").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.administrator(1)));
            passes(issue("c-1").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.administrator(1)));
        }

        assertThat(limiter.askedKeys()).isEmpty();
    }

    @Test
    void other_endpoints_are_never_limited_and_cost_no_limiter_call() throws Exception {
        for (int i = 0; i < 3 * ANONYMOUS_PERMITS; i++) {
            passes(get("/api/v1/coupons/c-1"));
            passes(get("/api/v1/coupons/c-1/issues"));
            passes(post("/api/v1/coupons"));
            passes(post("/api/v1/orders/o-1/cancel"));
            passes(get("/api/v1/orders/o-1"));
            passes(post("/api/v1/reservations/r-1/confirm"));
            passes(post("/api/v1/reservations/r-1/cancel"));
            passes(put("/api/v1/products/A/stock"));
            passes(post("/api/v1/coupons/c-1/issues/more"));
            passes(post("/api/v1/orders/o-1/payment/more"));
            passes(post("/api/v2/orders"));
            passes(get("/actuator/health"));
        }

        assertThat(limiter.askedKeys()).isEmpty();
    }

    @Test
    void the_context_path_is_not_part_of_the_endpoint() throws Exception {
        for (int i = 0; i < CHECKOUT_PERMITS; i++) {
            passes(post("/shop/api/v1/orders").contextPath("/shop").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE,
                    Caller.buyer(5)));
        }

        refused(post("/shop/api/v1/orders").contextPath("/shop").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE,
                Caller.buyer(5)));
    }

    @Test
    void requests_pass_while_the_limiter_is_unavailable_and_are_counted_as_unavailable() throws Exception {
        limiter.becomeUnavailable();

        for (int i = 0; i < 2 * COUPON_PERMITS; i++) {
            passes(issue("c-1").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(42)));
        }

        assertThat(count("coupon-issue", "unavailable")).isEqualTo(2 * COUPON_PERMITS);
        assertThat(count("coupon-issue", "limited")).isZero();
    }

    @Test
    void a_limiter_that_throws_does_not_fail_the_request() throws Exception {
        limiter.breakDown();

        passes(post("/api/v1/orders").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(42)));

        assertThat(count("checkout", "unavailable")).isEqualTo(1);
    }

    @Test
    void every_decision_is_counted_by_budget_and_outcome() throws Exception {
        for (int i = 0; i < COUPON_PERMITS + 2; i++) {
            mvc.perform(issue("c-1").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(42)));
        }
        mvc.perform(post("/api/v1/orders").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.buyer(42)));
        mvc.perform(post("/api/v1/orders").with(from("192.0.2.1")));
        mvc.perform(post("/api/v1/orders").requestAttr(RateLimitFilter.CALLER_ATTRIBUTE, Caller.administrator(1)));

        assertThat(count("coupon-issue", "allowed")).isEqualTo(COUPON_PERMITS);
        assertThat(count("coupon-issue", "limited")).isEqualTo(2);
        assertThat(count("checkout", "allowed")).isEqualTo(1);
        assertThat(count("anonymous", "allowed")).isEqualTo(1);
        assertThat(meters.find(RateLimitFilter.METRIC).counters().stream().mapToDouble(c -> c.count()).sum())
                .as("administrators are not counted").isEqualTo(COUPON_PERMITS + 2 + 2);
    }

    @Test
    void retry_after_is_whole_seconds_rounded_up_and_at_least_one() {
        assertThat(RateLimitFilter.wholeSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(RateLimitFilter.wholeSeconds(Duration.ofMillis(1000))).isEqualTo(1);
        assertThat(RateLimitFilter.wholeSeconds(Duration.ofMillis(1001))).isEqualTo(2);
        assertThat(RateLimitFilter.wholeSeconds(Duration.ofSeconds(4))).isEqualTo(4);
    }

    @Test
    void a_limited_decision_needs_a_positive_retry_after() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RateLimitDecision.limited(Duration.ZERO));
    }

    private static MockHttpServletRequestBuilder issue(String coupon) {
        return post("/api/v1/coupons/{id}/issues", coupon);
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private ResultActions passes(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andExpect(content().string("passed"));
    }

    private void refused(MockHttpServletRequestBuilder request) throws Exception {
        mvc.perform(request).andExpect(status().isTooManyRequests()).andExpect(jsonPath("$.code").value("RATE_LIMITED"));
    }

    private double count(String limitClass, String outcome) {
        return meters.get(RateLimitFilter.METRIC).tag("class", limitClass).tag("outcome", outcome).counter().count();
    }

    /** Whatever gets past the filter is answered 200 "passed". */
    @RestController
    static class PassingController {

        @RequestMapping("/**")
        String pass() {
            return "passed";
        }
    }
}
