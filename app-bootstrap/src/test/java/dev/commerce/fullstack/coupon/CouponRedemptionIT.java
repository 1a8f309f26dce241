package dev.commerce.fullstack.coupon;

import static dev.commerce.fullstack.coupon.CouponFixtures.issue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.RedeemCouponCommand;
import dev.commerce.coupon.RedeemCouponUseCase;
import dev.commerce.coupon.RedeemedCouponView;
import dev.commerce.coupon.ReleaseCouponCommand;
import dev.commerce.coupon.ReleaseCouponUseCase;
import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import dev.commerce.testing.ConcurrentRun;
import dev.commerce.testing.Figures;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Redeeming and releasing a held copy through the coupon module's API, as the order module will,
 * against PostgreSQL: racing redeems of one copy, redeems queued on a copy another transaction holds,
 * idempotent repeats, refusals and the constraints behind the conditional UPDATE. The truth is read
 * from the database.
 */
class CouponRedemptionIT extends FullStackTest {

    private static final AtomicLong USERS = new AtomicLong(3_000_000);
    private static final int RACERS = 10;

    @Autowired
    RedeemCouponUseCase redeemer;

    @Autowired
    ReleaseCouponUseCase releaser;

    @Autowired
    PlatformTransactionManager transactionManager;

    // own threads: the common pool may have a single thread on two cores, and a holder blocks it
    private ExecutorService threads;

    @BeforeEach
    void client() {
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow(); // a holder still waiting for the test's signal is interrupted
    }

    @Test
    void ten_concurrent_redeems_of_one_copy_for_ten_orders_redeem_it_exactly_once() {
        long user = USERS.getAndIncrement();
        String coupon = couponHeldBy(user, 2500);
        String prefix = "race-" + coupon + "-";

        List<String> outcomes = ConcurrentRun.results(RACERS,
                worker -> outcome(() -> redeemer.redeem(new RedeemCouponCommand(coupon, user, prefix + worker))));
        Map<String, Long> counts = count(outcomes);

        String figures = Figures.report("CouponRedemptionIT",
                RACERS + " redeems of one copy for " + RACERS + " orders: "
                + counts + "; database " + rows(coupon));
        assertThat(counts)
                .as(figures).containsOnly(Map.entry("OK", 1L), Map.entry("COUPON_ALREADY_REDEEMED", RACERS - 1L));
        String winner = prefix + outcomes.indexOf("OK");
        assertThat(rows(coupon)).as(figures).containsExactly("REDEEMED " + winner);
        assertThat(redeemedRows(prefix)).as("rows redeemed for any of the racing orders").isEqualTo(1);

        // after the winner committed, another order is refused: the WHERE status = 'ISSUED' decides
        assertRefused(new RedeemCouponCommand(coupon, user, prefix + "late"), CouponErrorCode.COUPON_ALREADY_REDEEMED);
        assertThat(rows(coupon)).as(figures).containsExactly("REDEEMED " + winner);
        assertInvariantsHold();
    }

    /**
     * The row lock and the re-check shown directly: a transaction (as the order module's checkout
     * would run it) has redeemed the copy and not ended; ten redeems for other orders queue on the
     * copy's row (seen in pg_stat_activity). When the holder commits, each waiter re-evaluates
     * {@code status = 'ISSUED'} on the row the holder left and all ten are refused; when it rolls
     * back, the copy is ISSUED again and exactly one waiter redeems it.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void redeems_queued_on_a_copy_held_by_an_open_transaction_recheck_what_it_leaves(boolean holderCommits)
            throws Exception {
        long user = USERS.getAndIncrement();
        String coupon = couponHeldBy(user, 1000);
        String holderOrder = "held-" + coupon + "-holder";
        String prefix = "held-" + coupon + "-waiter-";
        CountDownLatch redeemedByHolder = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        CompletableFuture<RedeemedCouponView> holder = CompletableFuture.supplyAsync(
                () -> new TransactionTemplate(transactionManager).execute(status -> {
                    RedeemedCouponView redeemed = redeemer.redeem(new RedeemCouponCommand(coupon, user, holderOrder));
                    redeemedByHolder.countDown();
                    await(end);
                    if (!holderCommits) {
                        status.setRollbackOnly();
                    }
                    return redeemed;
                }), threads);
        assertThat(redeemedByHolder.await(30, TimeUnit.SECONDS)).as("the holder redeemed").isTrue();
        assertThat(rows(coupon)).as("the holder's redeem is not visible before it commits").containsExactly("ISSUED -");

        CompletableFuture<List<String>> waiters = CompletableFuture.supplyAsync(() -> ConcurrentRun.results(RACERS,
                worker -> outcome(() -> redeemer.redeem(new RedeemCouponCommand(coupon, user, prefix + worker)))),
                threads);
        awaitWaitingOnTheCopy(RACERS);
        end.countDown();
        assertThat(holder.get(60, TimeUnit.SECONDS).orderId()).isEqualTo(holderOrder);
        List<String> outcomes = waiters.get(60, TimeUnit.SECONDS);
        Map<String, Long> counts = count(outcomes);

        Figures.report("CouponRedemptionIT", "holder " + (holderCommits ? "commits" : "rolls back") + ", " + RACERS
                + " queued redeems: " + counts + "; database " + rows(coupon));
        if (holderCommits) {
            assertThat(counts).containsOnly(Map.entry("COUPON_ALREADY_REDEEMED", (long) RACERS));
            assertThat(rows(coupon)).containsExactly("REDEEMED " + holderOrder);
        } else {
            assertThat(counts).containsOnly(Map.entry("OK", 1L), Map.entry("COUPON_ALREADY_REDEEMED", RACERS - 1L));
            assertThat(rows(coupon)).containsExactly("REDEEMED " + prefix + outcomes.indexOf("OK"));
        }
        assertInvariantsHold();
    }

    @Test
    void a_repeated_redeem_of_the_same_order_succeeds_with_the_same_answer_and_changes_nothing() {
        long user = USERS.getAndIncrement();
        String coupon = couponHeldBy(user, 3000);
        String order = "again-" + coupon;
        String copyId = jdbc.queryForObject("SELECT id FROM coupon.issued_coupon WHERE coupon_id = ?", String.class,
                coupon);

        RedeemedCouponView first = redeemer.redeem(new RedeemCouponCommand(coupon, user, order));
        RedeemedCouponView again = redeemer.redeem(new RedeemCouponCommand(coupon, user, order));

        assertThat(first).isEqualTo(new RedeemedCouponView(copyId, coupon, user, order, 3000));
        assertThat(again).isEqualTo(first);
        assertThat(rows(coupon)).containsExactly("REDEEMED " + order);
    }

    @Test
    void a_user_without_a_copy_is_told_coupon_not_held_and_nothing_changes() {
        long holder = USERS.getAndIncrement();
        long other = USERS.getAndIncrement();
        String coupon = couponHeldBy(holder, 0);

        assertRefused(new RedeemCouponCommand(coupon, other, "not-held-" + coupon), CouponErrorCode.COUPON_NOT_HELD);
        assertRefused(new RedeemCouponCommand("no-such-coupon", holder, "not-held-" + coupon),
                CouponErrorCode.COUPON_NOT_HELD);
        assertThat(rows(coupon)).containsExactly("ISSUED -");
    }

    @Test
    void release_makes_the_copy_usable_again_only_for_the_order_that_redeemed_it() {
        long user = USERS.getAndIncrement();
        String coupon = couponHeldBy(user, 700);
        String order = "release-" + coupon + "-1";
        redeemer.redeem(new RedeemCouponCommand(coupon, user, order));

        assertThat(releaser.release(new ReleaseCouponCommand(coupon, user, "release-" + coupon + "-other")))
                .as("another order's release").isFalse();
        assertThat(releaser.release(new ReleaseCouponCommand(coupon, user + 1, order))).as("another user").isFalse();
        assertThat(rows(coupon)).containsExactly("REDEEMED " + order);

        assertThat(releaser.release(new ReleaseCouponCommand(coupon, user, order))).isTrue();
        assertThat(rows(coupon)).containsExactly("ISSUED -");
        assertThat(releaser.release(new ReleaseCouponCommand(coupon, user, order))).as("repeated").isFalse();
        Response listed = api.as(user).get("/api/v1/users/" + user + "/coupons");
        assertThat(listed.json().get(0).path("status").asString()).isEqualTo("ISSUED");
        assertThat(listed.json().get(0).path("orderId").isNull()).isTrue();

        String next = "release-" + coupon + "-2";
        assertThat(redeemer.redeem(new RedeemCouponCommand(coupon, user, next)).orderId()).isEqualTo(next);
        assertThat(rows(coupon)).containsExactly("REDEEMED " + next);
    }

    @Test
    void the_table_refuses_a_redeemed_copy_without_an_order_an_order_on_an_issued_copy_and_unknown_states() {
        long user = USERS.getAndIncrement();
        String coupon = couponHeldBy(user, 0);

        for (String set : List.of("status = 'REDEEMED'", "order_id = 'o-1'", "status = 'USED', order_id = 'o-1'")) {
            assertThatThrownBy(() -> jdbc.update("UPDATE coupon.issued_coupon SET " + set + " WHERE coupon_id = ?",
                    coupon)).as(set).isInstanceOf(DataIntegrityViolationException.class);
        }
        assertThat(rows(coupon)).containsExactly("ISSUED -");
    }

    /** A new coupon with one copy issued to {@code user} over HTTP (the buyer asks for it). */
    private String couponHeldBy(long user, long discount) {
        Response created = api.post("/api/v1/coupons", Map.of("name", "REDEEM", "totalQuantity", 5,
                "discount", discount));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String coupon = created.json().path("id").asString();
        Response issued = issue(api, coupon, user);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(issued.json().path("status").asString()).isEqualTo("ISSUED");
        return coupon;
    }

    /** Every copy of the coupon as "STATUS orderId" ("-" for none). */
    private List<String> rows(String coupon) {
        return jdbc.queryForList("SELECT status || ' ' || coalesce(order_id, '-') FROM coupon.issued_coupon"
                + " WHERE coupon_id = ? ORDER BY id", String.class, coupon);
    }

    private long redeemedRows(String orderPrefix) {
        return jdbc.queryForObject("SELECT count(*) FROM coupon.issued_coupon WHERE status = 'REDEEMED'"
                + " AND order_id LIKE ?", Long.class, orderPrefix + "%");
    }

    private void assertRefused(RedeemCouponCommand command, CouponErrorCode code) {
        assertThatThrownBy(() -> redeemer.redeem(command)).isInstanceOfSatisfying(CouponException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    /** "OK", or the coupon error's code. */
    private static String outcome(Supplier<?> call) {
        try {
            call.get();
            return "OK";
        } catch (CouponException e) {
            return e.code().name();
        }
    }

    private static Map<String, Long> count(List<String> outcomes) {
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach(outcome -> counts.merge(outcome, 1L, Long::sum));
        return counts;
    }

    private void awaitWaitingOnTheCopy(int waiting) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (jdbc.queryForObject("""
                SELECT count(*) FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND query LIKE '%SET status = ''REDEEMED''%'""", Long.class) < waiting) {
            assertThat(System.nanoTime()).as(waiting + " redeems queued on the copy's row within 60 s")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never ended the holder's transaction");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
