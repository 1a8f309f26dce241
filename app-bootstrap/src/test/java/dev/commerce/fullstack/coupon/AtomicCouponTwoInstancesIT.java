package dev.commerce.fullstack.coupon;

import static dev.commerce.fullstack.coupon.CouponFixtures.countByCode;
import static dev.commerce.fullstack.coupon.CouponFixtures.describe;
import static dev.commerce.fullstack.coupon.CouponFixtures.issue;
import static dev.commerce.fullstack.coupon.CouponFixtures.newCoupon;
import static dev.commerce.fullstack.coupon.CouponFixtures.truth;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.CommerceApplication;
import dev.commerce.coupon.adapter.out.atomic.AtomicIssueFaults;
import dev.commerce.fullstack.ApiClient;
import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import dev.commerce.testing.ConcurrentRun;
import dev.commerce.testing.Figures;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code strategy=atomic} on two instances sharing PostgreSQL and Redis: instance A (started here,
 * its own recovery job switched off by a one-hour interval) admits claims in Redis and dies before
 * writing any of them; instance B (this test's context, same as {@link AtomicCouponConcurrencyIT})
 * takes them over from A's consumer with XAUTOCLAIM and writes them. Nothing admitted is lost, and
 * Redis goes on answering for those users.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "commerce.coupon.strategy=atomic",
        "commerce.coupon.atomic.recovery-interval=500ms",
        "commerce.coupon.atomic.recovery-min-idle=1s"})
class AtomicCouponTwoInstancesIT extends FullStackTest {

    private static final int CLAIMS = 20;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ApplicationContext context;

    @Test
    void claims_of_an_instance_that_died_after_the_script_are_written_by_another_instances_recovery_job()
            throws Exception {
        ApiClient b = new ApiClient(port);
        double recoveredByB = count("coupon.atomic.recovered");
        long firstUser = CouponConcurrencyContract.USERS.getAndAdd(CLAIMS + 1);
        String coupon;
        String consumerA;
        Map<String, Long> outcomesOnA;
        ConfigurableApplicationContext instanceA = new SpringApplicationBuilder(CommerceApplication.class).run(
                "--server.port=0", "--commerce.coupon.strategy=atomic", "--commerce.coupon.atomic.recovery-interval=1h");
        try {
            ApiClient a = new ApiClient(Integer.parseInt(instanceA.getEnvironment().getRequiredProperty("local.server.port")));
            consumerA = AtomicIssueFaults.consumer(instanceA);
            coupon = newCoupon(a, 100);
            // A dies after the script of every request, before PostgreSQL has any of them
            AtomicIssueFaults.crashAfterClaimFor(instanceA, user -> true);
            outcomesOnA = countByCode(ConcurrentRun.results(CLAIMS, worker -> issue(a, coupon, firstUser + worker)));
        } finally {
            instanceA.close();
        }
        long[] whenADied = truth(jdbc, coupon);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (truth(jdbc, coupon)[0] < CLAIMS) {
            assertThat(System.nanoTime()).as("B wrote A's claims within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        long[] afterRecovery = truth(jdbc, coupon);
        Set<Long> stored = new HashSet<>(jdbc.queryForList(
                "select user_id from coupon.issued_coupon where coupon_id = ?", Long.class, coupon));
        Response repeat = issue(b, coupon, firstUser);
        Response fresh = issue(b, coupon, firstUser + CLAIMS);

        String figures = Figures.report("AtomicCouponTwoInstancesIT",
                "instance A (consumer " + consumerA + ") admitted " + CLAIMS
                + " claims and died: outcomes on A " + outcomesOnA + "; database when A died " + describe(whenADied)
                + "; after B's recovery (consumer " + AtomicIssueFaults.consumer(context) + ") " + describe(afterRecovery)
                + ", B's recovery job wrote " + (count("coupon.atomic.recovered") - recoveredByB)
                + "; repeat on B " + repeat.code() + ", new user on B " + fresh.code());
        assertThat(outcomesOnA).as(figures).containsExactly(Map.entry("INTERNAL_ERROR", (long) CLAIMS));
        assertThat(whenADied).as(figures).containsExactly(0, 0, 0);
        assertThat(afterRecovery).as(figures).containsExactly(CLAIMS, CLAIMS, CLAIMS);
        assertThat(stored).as(figures).containsExactlyInAnyOrderElementsOf(
                LongStream.range(firstUser, firstUser + CLAIMS).boxed().toList());
        assertThat(count("coupon.atomic.recovered") - recoveredByB).as(figures).isEqualTo(CLAIMS);
        assertThat(repeat.code()).as(figures).isEqualTo("COUPON_ALREADY_ISSUED");
        assertThat(fresh.status()).as(figures).isEqualTo(201);
        assertThat(truth(jdbc, coupon)).as(figures).containsExactly(CLAIMS + 1, CLAIMS + 1, CLAIMS + 1);
        assertInvariantsHold();
    }

    private double count(String name) {
        var counter = meters.find(name).counter();
        return counter == null ? 0 : counter.count();
    }
}
