package dev.commerce.fullstack.coupon;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient;
import dev.commerce.fullstack.ApiClient.Response;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Creating coupons over HTTP and reading the truth about them from the database. Public for the
 * Redis topology tests ({@code dev.commerce.fullstack.redis}).
 */
public final class CouponFixtures {

    private CouponFixtures() {
    }

    public static String newCoupon(ApiClient api, int total) {
        Response created = api.post("/api/v1/coupons", Map.of("name", "WELCOME", "totalQuantity", total));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /**
     * The lock wait time of every test context ({@code commerce.coupon.lock.wait-time}, the fallback's
     * and the Redis script permits' alike: application.yaml, no test changes it).
     */
    public static final Duration LOCK_WAIT = Duration.ofSeconds(3);

    /**
     * Issues over HTTP. Every request is answered: one that is not (the connection dropped, no answer
     * within the client's time-out) throws and fails the test with its cause. No lost answer is
     * tolerated or counted, so every count of answers is exact ({@link ApiClient} says why none is
     * expected).
     */
    public static Response issue(ApiClient api, String couponId, long userId) {
        // the buyer asks for a copy for themselves: the user is the token's sub, the body is {}
        return api.as(userId).post("/api/v1/coupons/" + couponId + "/issues", Map.of());
    }

    /**
     * Issues as an administrator on the user's behalf ({@code {"userId": N}}): administrators are not
     * rate limited, so a burst of one user's requests reaches the lock and the constraints, which
     * is what a test of one-per-user is about (a buyer's own burst is cut by the rate limit first:
     * {@code RateLimitIT}).
     */
    public static Response issueOnBehalf(ApiClient api, String couponId, long userId) {
        return api.asAdministrator().post("/api/v1/coupons/" + couponId + "/issues", Map.of("userId", userId));
    }

    /**
     * The bound on {@code LOCK_UNAVAILABLE}: it answers a request that waited the whole lock wait
     * time ({@link #LOCK_WAIT}) behind other holders (contention), or behind a holder stuck on Redis
     * (an outage), and never comes sooner. How many requests wait that long depends on the machine (a
     * busy 2-core machine works through a burst of 1000 slowly), so their number is not fixed; a
     * refusal without the wait, a failure passing for contention, fails the test. Measured by the
     * client, which also counts the time before the request reached the lock; less 100 ms for the
     * lock clients' clocks (Redisson counts its wait in wall-clock milliseconds).
     */
    public static void assertLockUnavailableOnlyAfterWaiting(List<Response> responses) {
        assertThat(responses).filteredOn(response -> response.code().equals("LOCK_UNAVAILABLE"))
                .allSatisfy(response -> assertThat(response.millis()).as("ms before LOCK_UNAVAILABLE")
                        .isGreaterThanOrEqualTo(LOCK_WAIT.toMillis() - 100));
    }

    public static Map<String, Long> countByCode(List<Response> responses) {
        return new TreeMap<>(responses.stream().collect(groupingBy(Response::code, counting())));
    }

    /** issued_quantity, rows in issued_coupon, distinct users among them. */
    public static long[] truth(JdbcTemplate jdbc, String couponId) {
        long issuedQuantity = jdbc.queryForObject("select issued_quantity from coupon.coupon where id = ?",
                Long.class, couponId);
        long[] rows = jdbc.queryForObject(
                "select count(*), count(distinct user_id) from coupon.issued_coupon where coupon_id = ?",
                (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}, couponId);
        return new long[] {issuedQuantity, rows[0], rows[1]};
    }

    /** Copies of the coupon that are not as every strategy writes them: ISSUED, with no order. */
    public static long copiesNotIssued(JdbcTemplate jdbc, String couponId) {
        return jdbc.queryForObject("select count(*) from coupon.issued_coupon where coupon_id = ?"
                + " and (status <> 'ISSUED' or order_id is not null)", Long.class, couponId);
    }

    public static String describe(long[] truth) {
        return "issued_quantity=" + truth[0] + ", issued rows=" + truth[1] + ", distinct users=" + truth[2];
    }

    /** Waits until the coupon's issued count reaches {@code atLeast}, while {@code stream} keeps sending; the count. */
    static long awaitIssued(JdbcTemplate jdbc, String coupon, long atLeast, CompletableFuture<Void> stream)
            throws InterruptedException {
        long[] issued = {0};
        awaitUntil(() -> (issued[0] = truth(jdbc, coupon)[0]) >= atLeast, "issued reached " + atLeast, stream);
        return issued[0];
    }

    /** Waits up to 120 s for {@code condition}, failing at once if the request {@code stream} ended meanwhile. */
    static void awaitUntil(BooleanSupplier condition, String what, CompletableFuture<Void> stream)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            assertThat(stream).as("the request stream is still running").isNotDone();
            assertThat(System.nanoTime()).as(what + " within 120 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** A counter's value, 0 while it does not exist yet. */
    static double count(MeterRegistry meters, String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
