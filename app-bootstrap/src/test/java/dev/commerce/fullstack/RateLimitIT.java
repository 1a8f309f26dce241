package dev.commerce.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.CommerceApplication;
import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.testing.ConcurrentRun;
import dev.commerce.testing.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The rate limit over HTTP, with its defaults (coupon issue: 20 requests per user in any 4 s): a
 * script hammering one coupon is cut off with 429 {@code RATE_LIMITED} and {@code Retry-After}
 * after its budget, and two instances share one budget through Redis. The limiter itself (windows,
 * Redis down) is proven by {@code RedisRateLimiterIT}.
 */
class RateLimitIT extends FullStackTest {

    private static final int COUPON_ISSUE_BUDGET = 20;
    private static final AtomicLong USERS = new AtomicLong(8_800_000);
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startSecondInstance() {
        second = new SpringApplicationBuilder(CommerceApplication.class).run("--server.port=0");
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void a_script_hammering_one_coupon_is_cut_off_after_its_budget_and_gets_one_copy() {
        ApiClient admin = new ApiClient(port);
        String coupon = newCoupon(admin);
        long user = USERS.getAndIncrement();
        ApiClient script = admin.as(user);

        List<Response> responses = ConcurrentRun.results(60,
                worker -> script.post("/api/v1/coupons/" + coupon + "/issues", Map.of()));
        Map<String, Long> outcomes = countByCode(responses);

        String figures = Figures.report("RateLimitIT", "one user x 60 concurrent issues: " + outcomes);
        assertThat(outcomes).as(figures).containsOnlyKeys("OK", "COUPON_ALREADY_ISSUED", "RATE_LIMITED");
        assertThat(outcomes.get("OK")).as(figures).isEqualTo(1);
        assertThat(outcomes.get("OK") + outcomes.getOrDefault("COUPON_ALREADY_ISSUED", 0L)).as(figures)
                .isEqualTo(COUPON_ISSUE_BUDGET);
        Response limited = responses.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(limited.header("Content-Type")).as(figures).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).as(figures).isBetween(1L, 4L);
        assertThat(jdbc.queryForObject("select count(*) from coupon.issued_coupon where coupon_id = ? and user_id = ?",
                Long.class, coupon, user)).as(figures).isEqualTo(1);
        // another buyer is not affected by the script's budget
        assertThat(admin.as(USERS.getAndIncrement()).post("/api/v1/coupons/" + coupon + "/issues", Map.of()).status())
                .as(figures)
                .isEqualTo(201);
    }

    @Test
    void two_instances_draw_on_one_budget_per_user() {
        ApiClient a = new ApiClient(port);
        ApiClient b = new ApiClient(Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port")));
        String coupon = newCoupon(a);
        long user = USERS.getAndIncrement();
        List<Response> responses = new ArrayList<>();

        for (int i = 0; i < 15; i++) {
            responses.add(a.as(user).post("/api/v1/coupons/" + coupon + "/issues", Map.of()));
            responses.add(b.as(user).post("/api/v1/coupons/" + coupon + "/issues", Map.of()));
        }
        Map<String, Long> outcomes = countByCode(responses);

        String figures = Figures.report("RateLimitIT",
                "one user x 30 issues alternating over two instances: " + outcomes);
        assertThat(outcomes.getOrDefault("RATE_LIMITED", 0L)).as(figures).isEqualTo(30 - COUPON_ISSUE_BUDGET);
        assertThat(outcomes.get("OK")).as(figures).isEqualTo(1);
    }

    @Test
    void administrators_are_not_limited() {
        ApiClient admin = new ApiClient(port);
        String coupon = newCoupon(admin);
        long first = USERS.getAndAdd(40);

        List<Response> responses = ConcurrentRun.results(40, worker -> admin.post("/api/v1/coupons/" + coupon + "/issues",
                Map.of("userId", first + worker)));

        assertThat(countByCode(responses)).containsOnly(Map.entry("OK", 40L));
    }

    private static String newCoupon(ApiClient admin) {
        Response created = admin.post("/api/v1/coupons", Map.of("name", "RATE", "totalQuantity", 1000));
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private static Map<String, Long> countByCode(List<Response> responses) {
        Map<String, Long> outcomes = new TreeMap<>();
        responses.forEach(response -> outcomes.merge(response.code(), 1L, Long::sum));
        return outcomes;
    }
}
