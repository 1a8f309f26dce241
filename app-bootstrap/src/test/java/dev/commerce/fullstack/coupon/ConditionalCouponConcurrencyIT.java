package dev.commerce.fullstack.coupon;

import static dev.commerce.fullstack.coupon.CouponFixtures.countByCode;
import static dev.commerce.fullstack.coupon.CouponFixtures.issue;
import static dev.commerce.fullstack.coupon.CouponFixtures.newCoupon;
import static dev.commerce.fullstack.coupon.CouponFixtures.truth;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.coupon.IssueCouponUseCase;
import dev.commerce.coupon.application.OneStepCouponIssuer;
import dev.commerce.coupon.application.port.OneStepIssue;
import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.testing.ConcurrentRun;
import dev.commerce.infra.check.InvariantChecker;
import dev.commerce.testing.Figures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code commerce.coupon.strategy=conditional}: PostgreSQL alone, one conditional UPDATE + INSERT
 * statement per issue, no lock service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "commerce.coupon.strategy=conditional")
class ConditionalCouponConcurrencyIT extends CouponConcurrencyContract {

    @Override
    String strategy() {
        return "conditional";
    }

    private static final int WAITERS = 10;

    @Autowired
    IssueCouponUseCase issuer;

    @Autowired
    OneStepIssue store;

    @Override
    boolean mayAnswerLockUnavailable() {
        return false;
    }

    @Test
    void the_conditional_strategy_is_in_use() {
        assertThat(issuer).isInstanceOf(OneStepCouponIssuer.class);
        assertThat(store.getClass().getSimpleName()).isEqualTo("JdbcOneStepIssue");
    }

    /**
     * READ COMMITTED re-check (EvalPlanQual), shown directly: a transaction holds the coupon row after
     * counting the second-to-last copy; requests queue on that row lock (checked in pg_stat_activity).
     * Whether the holder commits or rolls back, each waiter re-evaluates {@code issued < total} on the
     * row as the holder left it: exactly the copies left are issued, never one more.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void requests_queued_on_the_coupon_row_recheck_the_count_the_holder_leaves(boolean holderCommits)
            throws Exception {
        String coupon = newCoupon(api, 2);
        long firstUser = USERS.getAndAdd(WAITERS + 1);
        CompletableFuture<List<Response>> waiters;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement sql = holder.prepareStatement("""
                    WITH counted AS (
                        UPDATE coupon.coupon SET issued_quantity = issued_quantity + 1
                        WHERE id = ? AND issued_quantity < total_quantity RETURNING id)
                    INSERT INTO coupon.issued_coupon (id, coupon_id, user_id, issued_at)
                    SELECT ?, counted.id, ?, ? FROM counted""")) {
                sql.setString(1, coupon);
                sql.setString(2, UUID.randomUUID().toString());
                sql.setLong(3, firstUser + WAITERS);
                sql.setTimestamp(4, Timestamp.from(Instant.now()));
                assertThat(sql.executeUpdate()).isEqualTo(1);
            }
            waiters = CompletableFuture.supplyAsync(
                    () -> ConcurrentRun.results(WAITERS, worker -> issue(api, coupon, firstUser + worker)));
            awaitWaitingOnLocks(WAITERS);
            if (holderCommits) {
                holder.commit();
            } else {
                holder.rollback();
            }
        }
        Map<String, Long> outcomes = countByCode(waiters.get(60, TimeUnit.SECONDS));
        long[] truth = truth(jdbc, coupon);

        String figures = Figures.report("ConditionalCouponConcurrencyIT",
                "holder " + (holderCommits ? "commits" : "rolls back")
                + ", " + WAITERS + " queued requests: outcomes " + outcomes + "; database "
                + CouponFixtures.describe(truth));
        if (holderCommits) {
            assertThat(outcomes).containsOnly(Map.entry("OK", 1L), Map.entry("COUPON_SOLD_OUT", WAITERS - 1L));
        } else {
            assertThat(outcomes).containsOnly(Map.entry("OK", 2L), Map.entry("COUPON_SOLD_OUT", WAITERS - 2L));
        }
        assertThat(truth).as(figures).containsExactly(2, 2, 2);
        assertThat(InvariantChecker.violations(dataSource)).as(figures).isEmpty();
    }

    private void awaitWaitingOnLocks(int waiting) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (jdbc.queryForObject("""
                SELECT count(*) FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND query LIKE '%counted AS%'""", Long.class) < waiting) {
            assertThat(System.nanoTime()).as(waiting + " requests queued on the coupon row within 60 s")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
