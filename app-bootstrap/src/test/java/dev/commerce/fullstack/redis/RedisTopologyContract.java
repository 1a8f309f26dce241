package dev.commerce.fullstack.redis;

import static dev.commerce.fullstack.coupon.CouponFixtures.countByCode;
import static dev.commerce.fullstack.coupon.CouponFixtures.describe;
import static dev.commerce.fullstack.coupon.CouponFixtures.issue;
import static dev.commerce.fullstack.coupon.CouponFixtures.issueOnBehalf;
import static dev.commerce.fullstack.coupon.CouponFixtures.newCoupon;
import static dev.commerce.fullstack.coupon.CouponFixtures.truth;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.testing.ConcurrentRun;
import dev.commerce.fullstack.Tokens;
import dev.commerce.fullstack.coupon.CouponFixtures;
import dev.commerce.infra.check.InvariantChecker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.env.PropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of the service on one Redis topology (a subclass starts it), configured only by
 * Spring Boot's standard {@code spring.data.redis.*} properties: the infrastructure resolution
 * starts no Redis of its own, health reports the topology (up while it answers, down when it is
 * gone), every coupon strategy issues exactly the total across both instances (truth counted in
 * PostgreSQL), and the rate limit is one budget per user across both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RedisTopologyContract {

    private static final AtomicLong USERS = new AtomicLong(30_000_000);
    private static final int TOTAL = 50;
    private static final int USERS_PER_BURST = 300;
    private static final int COUPON_ISSUE_BUDGET = 20;

    RedisTopology topology;
    /** Two instances with the default strategy ({@code lock}): health, the lock contract, the rate limit. */
    ServiceInstances lockInstances;

    abstract RedisTopology startTopology();

    /** The {@code spring.data.redis.*} properties naming the topology, and nothing else about Redis. */
    abstract Map<String, Object> redisProperties();

    /** What the {@code redis} health component's details must show for this topology. */
    abstract void assertHealthDetailsShowTheTopology(JsonNode details);

    String label() {
        return getClass().getSimpleName();
    }

    @BeforeAll
    void startTopologyAndTwoInstances() {
        topology = startTopology();
        lockInstances = ServiceInstances.start(2, redisProperties());
    }

    @AfterAll
    void stopEverything() {
        try {
            if (lockInstances != null) {
                lockInstances.close();
            }
        } finally {
            if (topology != null) {
                topology.close();
            }
        }
    }

    @Test
    @Order(1)
    void no_local_redis_is_started_and_health_reports_the_configured_topology() {
        for (int instance = 0; instance < lockInstances.size(); instance++) {
            PropertySource<?> local = lockInstances.context(instance).getEnvironment().getPropertySources()
                    .get("commerceLocalInfrastructure");
            // the resolution added the database only: no Redis URL of a server of its own
            assertThat(local).as("the local infrastructure's properties").isNotNull();
            assertThat(local.getProperty("spring.data.redis.url")).as("a local Redis").isNull();
            assertThat(local.getProperty("spring.data.redis.host")).as("a local Redis").isNull();

            Response health = lockInstances.client(instance).get("/actuator/health/redis");
            System.out.println("[" + label() + "] instance " + instance + " /actuator/health/redis: " + health.status()
                    + " " + health.body());
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asString()).isEqualTo("UP");
            assertHealthDetailsShowTheTopology(health.json().path("details"));
        }
    }

    @ParameterizedTest(name = "strategy={0}")
    @ValueSource(strings = {"lock", "atomic", "conditional"})
    @Order(3)
    void two_instances_issue_exactly_the_total_and_one_copy_per_user(String strategy) {
        ServiceInstances instances = strategy.equals("lock") ? lockInstances
                : ServiceInstances.start(2, RedisTopology.merge(redisProperties(), Map.of("commerce.coupon.strategy", strategy)));
        try {
            String coupon = newCoupon(instances.client(0), TOTAL);
            long firstUser = USERS.getAndAdd(USERS_PER_BURST);
            Tokens.mintBuyers(firstUser, USERS_PER_BURST);
            List<Response> burst = ConcurrentRun.results(USERS_PER_BURST,
                    worker -> issue(instances.client(worker % 2), coupon, firstUser + worker));
            Map<String, Long> outcomes = countByCode(burst);
            long[] afterBurst = truth(instances.jdbc(), coupon);
            // the lock strategy may have refused some after the whole lock wait (LOCK_UNAVAILABLE) and
            // left copies: later buyers, one at a time on alternating instances, take them until sold out
            int laterIssued = Issuing.drainUntilSoldOut(instances, coupon, USERS.getAndAdd(TOTAL + 1), TOTAL);
            long[] truth = truth(instances.jdbc(), coupon);

            System.out.println("[" + label() + "] strategy=" + strategy + ", 2 instances, " + USERS_PER_BURST
                    + " users / " + TOTAL + " coupons at once: " + outcomes + ", database " + describe(afterBurst)
                    + "; then " + laterIssued + " issued one by one until sold out: database " + describe(truth));
            // every 201 is a stored copy and every stored copy was answered 201; no copy beyond the total
            assertThat(afterBurst[1]).isEqualTo(outcomes.getOrDefault("OK", 0L));
            assertThat(outcomes.keySet()).isSubsetOf("OK", "COUPON_SOLD_OUT", "LOCK_UNAVAILABLE");
            CouponFixtures.assertLockUnavailableOnlyAfterWaiting(burst);
            if (!strategy.equals("lock")) {
                assertThat(outcomes).containsOnly(Map.entry("OK", (long) TOTAL),
                        Map.entry("COUPON_SOLD_OUT", (long) USERS_PER_BURST - TOTAL));
            }
            assertThat(truth).containsExactly(TOTAL, TOTAL, TOTAL);
            assertThat(CouponFixtures.copiesNotIssued(instances.jdbc(), coupon)).isZero();

            String second = newCoupon(instances.client(1), TOTAL);
            long oneUser = USERS.getAndIncrement();
            List<Response> oneUserBurst = ConcurrentRun.results(30,
                    worker -> issueOnBehalf(instances.client(worker % 2), second, oneUser));
            System.out.println("[" + label() + "] strategy=" + strategy + ", 1 user x 30 at once: "
                    + countByCode(oneUserBurst) + "; database " + describe(truth(instances.jdbc(), second)));
            assertThat(countByCode(oneUserBurst)).containsOnly(Map.entry("OK", 1L), Map.entry("COUPON_ALREADY_ISSUED", 29L));
            assertThat(truth(instances.jdbc(), second)).containsExactly(1, 1, 1);
            assertThat(InvariantChecker.violations(instances.dataSource())).isEmpty();
        } finally {
            if (instances != lockInstances) {
                instances.close();
            }
        }
    }

    /** Before the bursts: a burst can keep Redis from answering the limiter in time, which then lets requests pass. */
    @Test
    @Order(2)
    void the_rate_limit_is_one_budget_per_user_across_both_instances() {
        String coupon = newCoupon(lockInstances.client(0), 10);
        long user = USERS.getAndIncrement();

        List<Response> responses = ConcurrentRun.results(50,
                worker -> lockInstances.client(worker % 2).as(user).post("/api/v1/coupons/" + coupon + "/issues", Map.of()));
        Map<String, Long> outcomes = countByCode(responses);

        System.out.println("[" + label() + "] one user x 50 issues over 2 instances: " + outcomes);
        assertThat(outcomes).containsOnlyKeys("OK", "COUPON_ALREADY_ISSUED", "RATE_LIMITED");
        assertThat(outcomes.get("OK")).isEqualTo(1);
        assertThat(outcomes.get("OK") + outcomes.getOrDefault("COUPON_ALREADY_ISSUED", 0L)).isEqualTo(COUPON_ISSUE_BUDGET);
    }

    @Test
    @Order(4)
    void health_reports_redis_down_when_the_topology_is_gone() {
        topology.killAll();
        Response health = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            health = lockInstances.client(0).get("/actuator/health/redis");
            if (health.status() == 503) {
                break;
            }
        }
        System.out.println("[" + label() + "] every Redis node killed: /actuator/health/redis " + health.status() + " "
                + health.body());
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().path("status").asString()).isEqualTo("DOWN");
    }
}
