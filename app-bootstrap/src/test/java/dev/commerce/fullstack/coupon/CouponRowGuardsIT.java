package dev.commerce.fullstack.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.coupon.adapter.out.conditional.ConditionalIssues;
import dev.commerce.coupon.adapter.out.lock.CouponLocks;
import dev.commerce.coupon.adapter.out.persistence.CouponRepositories;
import dev.commerce.coupon.application.port.CouponLock;
import dev.commerce.coupon.application.port.CouponRepository;
import dev.commerce.coupon.application.port.CouponRepository.IssueRecord;
import dev.commerce.coupon.application.port.FencingToken;
import dev.commerce.coupon.application.port.IssuedCouponRepository;
import dev.commerce.coupon.application.port.OneStepIssue;
import dev.commerce.coupon.application.port.OneStepIssue.IssueResult;
import dev.commerce.coupon.domain.IssuedCoupon;
import dev.commerce.fullstack.StoresOnly;
import dev.commerce.testing.ConcurrentRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The coupon module's guards in PostgreSQL and Redis, each proven alone by calling an adapter
 * directly (one guard, one proof: each test fails when its guard alone is removed, see
 * {@code infra/mutations/guards.tsv}). Over HTTP they sit behind others: within one instance the
 * local hand-over queue already serialises the holders of a coupon, under the lock the issuer
 * checks the count and the user's copy before it writes, and the order module redeems a copy once
 * per order behind its own key and journal. So the Redisson lock and the advisory lock of the
 * database fallback are proven between two adapters (as two instances would hold them), and the
 * conditional statements (the fenced issue, the conditional strategy's issue, redeem, release) and
 * the unique (coupon, user) constraint on their own. Every row a test writes is deleted after it.
 * The adapters, package-private, are built by their packages' test factories ({@link CouponLocks},
 * {@link CouponRepositories}, {@link ConditionalIssues}).
 */
@SpringBootTest(classes = StoresOnly.class)
class CouponRowGuardsIT {

    /** How long a holder of the lock waits, inside it, for another holder to come in too. */
    private static final long OVERLAP_WINDOW_MILLIS = 200;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RedissonClient redisson;

    @Autowired
    PlatformTransactionManager transactionManager;

    private final List<String> coupons = new CopyOnWriteArrayList<>();

    @AfterEach
    void deleteWhatWasWritten() {
        for (String coupon : coupons) {
            jdbc.sql("DELETE FROM coupon.issued_coupon WHERE coupon_id = ?").param(coupon).update();
            jdbc.sql("DELETE FROM coupon.coupon WHERE id = ?").param(coupon).update();
        }
    }

    private String newCoupon(int total) {
        String coupon = UUID.randomUUID().toString();
        coupons.add(coupon);
        jdbc.sql("INSERT INTO coupon.coupon (id, name, total_quantity, created_at) VALUES (?, 'guard', ?, now())")
                .params(coupon, total).update();
        return coupon;
    }

    /** A copy of a new coupon held by a new user; returns {coupon, user}. */
    private Object[] heldCopy() {
        String coupon = newCoupon(1);
        long user = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
        jdbc.sql("INSERT INTO coupon.issued_coupon (id, coupon_id, user_id, issued_at) VALUES (?, ?, ?, ?)")
                .params(UUID.randomUUID().toString(), coupon, user, java.sql.Timestamp.from(Instant.now())).update();
        return new Object[] {coupon, user};
    }

    private String copyState(String coupon) {
        return jdbc.sql("SELECT status || ' ' || coalesce(order_id, '-') FROM coupon.issued_coupon WHERE coupon_id = ?")
                .param(coupon).query(String.class).single();
    }

    private CouponLock instance() {
        return CouponLocks.redisson(redisson, transactionManager, jdbc, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    /** Holders of both instances' locks at once, each waiting inside for another to come in too. */
    private static int overlapsOfHolders(List<CouponLock> instances, String coupon) {
        int workers = 6;
        CountDownLatch allInside = new CountDownLatch(workers);
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();

        List<Long> tokens = ConcurrentRun.results(workers, i -> instances.get(i % 2).withCouponLocked(coupon, token -> {
            if (holders.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            allInside.countDown();
            try {
                // give a holder of the other instance time to come in, were it not locked out
                allInside.await(OVERLAP_WINDOW_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                holders.decrementAndGet();
            }
            return token.value();
        }));
        assertThat(tokens).hasSize(workers);
        return overlaps.get();
    }

    @Test
    void the_redisson_lock_lets_one_holder_of_a_coupon_at_a_time_across_instances() {
        String coupon = UUID.randomUUID().toString(); // the lock needs no coupon row (its stored token is then 0)
        List<CouponLock> instances = List.of(instance(), instance());

        assertThat(overlapsOfHolders(instances, coupon)).as("holders of the coupon's lock at once").isZero();
    }

    @Test
    void the_advisory_lock_lets_one_holder_of_a_coupon_at_a_time_across_instances() {
        String coupon = UUID.randomUUID().toString();
        List<CouponLock> instances = List.of(
                CouponLocks.postgresAdvisory(transactionManager, jdbc, Duration.ofSeconds(30)),
                CouponLocks.postgresAdvisory(transactionManager, jdbc, Duration.ofSeconds(30)));

        assertThat(overlapsOfHolders(instances, coupon)).as("holders of the coupon's advisory lock at once").isZero();
    }

    @Test
    void the_fenced_issue_update_refuses_a_token_older_than_the_newest_it_accepted() {
        String coupon = newCoupon(10);
        CouponRepository repository = CouponRepositories.coupons(jdbc);

        assertThat(repository.recordIssue(coupon, new FencingToken(5, "b"))).isEqualTo(IssueRecord.RECORDED);
        assertThat(repository.recordIssue(coupon, new FencingToken(4, "a"))).as("a holder whose lease ran out")
                .isEqualTo(IssueRecord.STALE_TOKEN);
        assertThat(repository.recordIssue(coupon, new FencingToken(5, "b"))).as("the same holder again (hand-over)")
                .isEqualTo(IssueRecord.RECORDED);
        assertThat(repository.recordIssue(coupon, new FencingToken(6, "c"))).as("a newer acquisition")
                .isEqualTo(IssueRecord.RECORDED);
        assertThat(jdbc.sql("SELECT issued_quantity FROM coupon.coupon WHERE id = ?").param(coupon).query(Integer.class)
                .single()).isEqualTo(3);
    }

    @Test
    void the_fenced_issue_update_refuses_the_same_token_from_another_acquisition() {
        // after a Redis failover that lost the lock and its token counter, a second holder can be
        // granted the lock with the token the first still holds (FencingAcrossFailoverIT)
        String coupon = newCoupon(10);
        CouponRepository repository = CouponRepositories.coupons(jdbc);

        assertThat(repository.recordIssue(coupon, new FencingToken(2, "after-failover"))).isEqualTo(IssueRecord.RECORDED);
        assertThat(repository.recordIssue(coupon, new FencingToken(2, "before-failover")))
                .as("the first holder, paused across the failover, with the same number").isEqualTo(IssueRecord.STALE_TOKEN);
        assertThat(jdbc.sql("SELECT issued_quantity || ' ' || fence_token || ' ' || fence_holder FROM coupon.coupon"
                + " WHERE id = ?").param(coupon).query(String.class).single()).isEqualTo("1 2 after-failover");
    }

    @Test
    void the_fenced_issue_update_counts_a_copy_only_while_copies_are_left() {
        String coupon = newCoupon(1);
        CouponRepository repository = CouponRepositories.coupons(jdbc);

        assertThat(repository.recordIssue(coupon, new FencingToken(1, "a"))).isEqualTo(IssueRecord.RECORDED);
        assertThat(repository.recordIssue(coupon, new FencingToken(1, "a"))).as("the second of a total of one")
                .isEqualTo(IssueRecord.SOLD_OUT);
        assertThat(jdbc.sql("SELECT issued_quantity FROM coupon.coupon WHERE id = ?").param(coupon).query(Integer.class)
                .single()).isEqualTo(1);
    }

    @Test
    void a_copy_is_redeemed_only_while_it_is_issued() {
        Object[] held = heldCopy();
        String coupon = (String) held[0];
        long user = (Long) held[1];
        IssuedCouponRepository copies = CouponRepositories.issuedCoupons(jdbc);

        assertThat(copies.redeem(coupon, user, "order-a")).isPresent();
        assertThat(copies.redeem(coupon, user, "order-b")).as("a redeem for a second order").isEmpty();
        assertThat(copyState(coupon)).isEqualTo("REDEEMED order-a");
    }

    @Test
    void a_redeemed_copy_is_released_only_for_the_order_that_redeemed_it() {
        Object[] held = heldCopy();
        String coupon = (String) held[0];
        long user = (Long) held[1];
        IssuedCouponRepository copies = CouponRepositories.issuedCoupons(jdbc);
        assertThat(copies.redeem(coupon, user, "order-a")).isPresent();

        assertThat(copies.release(coupon, user, "order-b")).as("a release for another order").isFalse();
        assertThat(copyState(coupon)).isEqualTo("REDEEMED order-a");
        assertThat(copies.release(coupon, user, "order-a")).isTrue();
        assertThat(copyState(coupon)).isEqualTo("ISSUED -");
    }

    private static IssuedCoupon copyFor(String coupon, long user) {
        return new IssuedCoupon(UUID.randomUUID().toString(), coupon, user, Instant.now());
    }

    @Test
    void the_conditional_issue_counts_a_copy_only_while_copies_are_left() {
        String coupon = newCoupon(1);
        OneStepIssue conditional = ConditionalIssues.jdbc(jdbc);

        assertThat(conditional.issue(copyFor(coupon, 1))).isEqualTo(IssueResult.ISSUED);
        assertThat(conditional.issue(copyFor(coupon, 2))).as("the second of a total of one")
                .isEqualTo(IssueResult.SOLD_OUT);
    }

    @Test
    void the_unique_coupon_and_user_lets_a_user_hold_one_copy() {
        // the conditional strategy, where the constraint alone answers a repeat (the lock strategy
        // checks under its lock first, the atomic one in its script)
        String coupon = newCoupon(5);
        OneStepIssue conditional = ConditionalIssues.jdbc(jdbc);

        assertThat(conditional.issue(copyFor(coupon, 1))).isEqualTo(IssueResult.ISSUED);
        assertThat(conditional.issue(copyFor(coupon, 1))).as("the same user again, copies left")
                .isEqualTo(IssueResult.ALREADY_ISSUED);
        assertThat(jdbc.sql("SELECT count(*) FROM coupon.issued_coupon WHERE coupon_id = ?").param(coupon)
                .query(Long.class).single()).isEqualTo(1);
    }
}
