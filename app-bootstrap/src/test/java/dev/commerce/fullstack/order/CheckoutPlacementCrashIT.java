package dev.commerce.fullstack.order;

import static dev.commerce.fullstack.order.OrderTestSupport.newKey;
import static dev.commerce.fullstack.order.OrderTestSupport.withCoupon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient;
import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import dev.commerce.fullstack.PackagedApplication;
import dev.commerce.infra.check.InvariantChecker;
import dev.commerce.infra.local.LocalCluster;
import dev.commerce.order.RecoverPlacementsUseCase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The crash in the middle of placing an order (ADR 11): a process of the packaged service is killed
 * with SIGKILL after it redeemed the buyer's coupon and before the transaction storing the order
 * commits. Nothing of the dead process can undo anything; the coupon, unlike the reservation, would
 * never come back on its own. The placement journal ({@code orders.placement}) is what gives it back:
 * this test's own application context plays the surviving instance, whose recovery finds the note.
 *
 * <p>How the process is stopped exactly there, without a test hook in the service: a trigger makes
 * the INSERT of this buyer's order wait for a PostgreSQL advisory lock the test holds; the test waits
 * until the victim's backend waits for it (so the coupon is redeemed and the order's transaction is
 * open), then kills the process and lets the lock go; the dead client's transaction never commits.
 */
class CheckoutPlacementCrashIT extends FullStackTest {

    /** The advisory lock the order INSERT waits for (classid 0, objid this). */
    private static final int HOLD = 715_004;
    private static final Path LOGS = Path.of("target", "instances-placement-crash");

    private static LocalCluster victim;
    private static int victimPort;

    @Autowired
    RecoverPlacementsUseCase recovery;

    @Value("${commerce.order.placement-recovery-after}")
    Duration recoverAfter;

    private OrderTestSupport orders;

    @BeforeAll
    static void startVictim() throws Exception {
        victimPort = LocalCluster.freeConsecutivePorts(1);
        victim = LocalCluster.start(1, PackagedApplication.jar(), victimPort, LOGS,
                List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        "-Dspring.datasource.hikari.maximum-pool-size=5"));
    }

    @AfterAll
    static void stopVictim() {
        if (victim != null) {
            victim.close();
        }
    }

    @BeforeEach
    void setUp() {
        orders = new OrderTestSupport(port, jdbc);
    }

    @Test
    void a_placement_killed_between_redeeming_the_coupon_and_storing_the_order_gets_coupon_and_stock_back_from_the_journal()
            throws Exception {
        long buyer = ThreadLocalRandom.current().nextLong(3_000_000_000L, 4_000_000_000L);
        String sku = orders.product(10, 2_000);
        String coupon = orders.couponFor(buyer, 500);
        String key = newKey();
        String body = ApiClient.JSON.writeValueAsString(withCoupon(sku, 2, coupon));
        ApiClient onVictim = new ApiClient(victimPort).as(buyer);

        String orderId;
        CompletableFuture<Response> dying;
        try (Connection holder = dataSource.getConnection(); Statement hold = holder.createStatement()) {
            holder.setAutoCommit(true);
            hold.execute("SELECT pg_advisory_lock(" + HOLD + ")");
            jdbc.execute("CREATE OR REPLACE FUNCTION public.it_hold_order_insert() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN PERFORM pg_advisory_xact_lock(" + HOLD + "); RETURN NEW; END $$");
            jdbc.execute("CREATE TRIGGER it_hold_order_insert BEFORE INSERT ON orders.\"order\" FOR EACH ROW"
                    + " WHEN (NEW.user_id = " + buyer + ") EXECUTE FUNCTION public.it_hold_order_insert()");
            try {
                dying = CompletableFuture.supplyAsync(() -> onVictim.send("POST", "/api/v1/orders", "application/json",
                        body, Map.of("Idempotency-Key", key)));
                await(() -> waitingForHold() == 1, "the victim's order INSERT waiting behind the trigger");

                orderId = redeemedFor(buyer, coupon);
                assertThat(orderId).as("the coupon is redeemed before the order is stored").isNotNull();
                assertThat(orders.ordersOf(buyer)).isZero();
                assertThat(openNotes(orderId)).as("the placement's journal note").isEqualTo(1);

                victim.kill(0);
                hold.execute("SELECT pg_advisory_unlock(" + HOLD + ")");
                // the dead client's backend finishes its INSERT, finds its client gone and rolls back; the
                // DROP TRIGGER below waits for that transaction to end (it locks the table exclusively)
                await(() -> waitingForHold() == 0, "the victim's INSERT past the trigger");
            } finally {
                // let a victim still waiting go on first (should the test fail before the kill), else
                // the DROP TRIGGER would wait for its transaction, which waits for this lock
                hold.execute("SELECT pg_advisory_unlock_all()");
                jdbc.execute("DROP TRIGGER IF EXISTS it_hold_order_insert ON orders.\"order\"");
                jdbc.execute("DROP FUNCTION IF EXISTS public.it_hold_order_insert()");
            }
        }
        assertThat(dying.handle((response, failure) -> response == null).get(30, TimeUnit.SECONDS))
                .as("the killed instance never answered").isTrue();

        // the crash window, as the dead process left it
        assertThat(orders.ordersOf(buyer)).as("no order stored").isZero();
        assertThat(orders.copy(buyer, coupon)).isEqualTo("REDEEMED " + orderId);
        assertThat(orders.reserved(sku)).isEqualTo(2);
        assertThat(InvariantChecker.violations(dataSource)).as("a placement in flight breaks nothing yet").isEmpty();
        assertThat(InvariantChecker.redeemedWithoutOrder(dataSource, List.of(coupon))).as("its note is open").isEmpty();

        // a note younger than the recovery delay may be a placement still running: left alone
        recovery.recoverAbandoned(Instant.now(), 100);
        assertThat(openNotes(orderId)).isEqualTo(1);
        // the delay passed (told to the recovery, rather than waited for)
        assertThat(recovery.recoverAbandoned(Instant.now().plus(recoverAfter).plusSeconds(1), 100))
                .isGreaterThanOrEqualTo(1);
        assertThat(openNotes(orderId)).isZero();

        await(() -> orders.copy(buyer, coupon).equals("ISSUED null") && orders.reserved(sku) == 0,
                "the abandoned placement's coupon and stock given back by the event listener");
        assertThat(jdbc.queryForObject("SELECT status FROM inventory.reservation WHERE id ="
                + " (SELECT reservation_id FROM orders.placement WHERE order_id = ?)", String.class, orderId))
                .isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders.request_key WHERE user_id = ? AND key = ?",
                Long.class, buyer, key)).as("the dead request's key is forgotten").isZero();

        // the buyer's retry with the same key places a new order, with the coupon
        Response retried = orders.place(buyer, key, body);
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        String newOrder = retried.json().path("id").asString();
        assertThat(newOrder).isNotEqualTo(orderId);
        assertThat(retried.json().path("discount").asLong()).isEqualTo(500);
        assertThat(orders.copy(buyer, coupon)).isEqualTo("REDEEMED " + newOrder);
        assertThat(orders.reserved(sku)).isEqualTo(2);
        assertInvariantsHold();
        assertThat(InvariantChecker.redeemedWithoutOrder(dataSource, List.of(coupon))).isEmpty();
    }

    private String redeemedFor(long buyer, String coupon) {
        return jdbc.queryForObject("SELECT order_id FROM coupon.issued_coupon WHERE coupon_id = ? AND user_id = ?"
                + " AND status = 'REDEEMED'", String.class, coupon, buyer);
    }

    private long openNotes(String orderId) {
        return jdbc.queryForObject("SELECT count(*) FROM orders.placement WHERE order_id = ? AND abandoned_at IS NULL",
                Long.class, orderId);
    }

    private long waitingForHold() {
        return jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                + " AND classid = 0 AND objid = ?", Long.class, HOLD);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
