package dev.commerce.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.MixedLoad.Outcome;
import dev.commerce.infra.check.InvariantChecker;
import dev.commerce.infra.local.LocalInfrastructure;
import dev.commerce.testing.Figures;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * PostgreSQL stopped for a few seconds under mixed concurrent load (reservations, coupon issues,
 * payments with retried keys), then started again on the same port with its data: while it is
 * down every request that needs it fails fast with a 503 problem and Retry-After (never a 500,
 * never a hang on the pool's connection-timeout); afterwards the same application context serves
 * 2xx again, the reconciler and client retries settle every interrupted payment key, and the
 * database holds nothing half-written: every key completed, and the gateway charged each key's
 * order at most once, exactly what the service recorded ({@link GatewayLedger}).
 *
 * <p>Runs on the embedded servers on every machine: its context asks for them
 * ({@code commerce.infra.mode=embedded}), also where Docker answers and the rest of the suite runs
 * on Testcontainers (GitHub CI), because stopping PostgreSQL and starting it again on the same port
 * with its data is what {@link LocalInfrastructure#stopPostgres()} does to the embedded server; the
 * containers the other contexts share are never touched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "commerce.infra.mode=embedded",
        "commerce.payment.idempotency-lease=5s",
        "commerce.payment.reconcile-interval=1s",
        "commerce.payment.reconcile-after=2s",
        "commerce.inventory.expiry-sweep-interval=1s"})
// The only class on this context: closed after it, so that its pool (20 connections) does not stay open
// for the rest of the suite, whose cached contexts and packaged instances share the embedded PostgreSQL's
// 300 connections (AtomicCouponRedisOutageIT says when that ran out)
@DirtiesContext
class DatabaseOutageIT extends FullStackTest {

    private static final int WORKERS = 16;
    private static final long STOCK = 1_000_000;

    @AfterEach
    void databaseIsBack() {
        LocalInfrastructure.startPostgres();
    }

    @Test
    void requests_fail_fast_with_503_while_postgresql_is_down_and_the_same_context_recovers_with_nothing_half_written()
            throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        List<String> skus = List.of("pg-a-" + run, "pg-b-" + run, "pg-c-" + run);
        skus.forEach(sku -> assertThat(api.put("/api/v1/products/" + sku + "/stock", Map.of("onHand", STOCK)).status())
                .isEqualTo(200));
        Response coupon = api.post("/api/v1/coupons", Map.of("name", "OUTAGE", "totalQuantity", 1_000_000));
        assertThat(coupon.status()).isEqualTo(201);
        String couponId = coupon.json().path("id").asString();

        Response healthWhileDown;
        long healthMillis;
        Set<String> paidOrders;
        try (MixedLoad load = new MixedLoad(List.of(api), couponId, skus, 20_000_000L).start(WORKERS)) {
            await(() -> load.outcomes("before").size() >= 60, "60 requests before the outage");

            load.phase("outage");
            LocalInfrastructure.stopPostgres();
            long down = System.nanoTime();
            long healthStarted = System.nanoTime();
            healthWhileDown = api.get("/actuator/health");
            healthMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healthStarted);
            // the outage lasts ~4 s whatever the machine: a duration, the point of the test, not a wait for a state
            Thread.sleep(Math.max(0, 4000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - down)));

            load.phase("restarting");
            LocalInfrastructure.startPostgres();
            // Until the pool has connected again, a request may still be answered 503: its wait for a
            // connection ends after a slice (commerce.database.unreachable-timeout) in which the pool's last
            // attempt to connect had failed. The first request served shows the pool connected.
            load.phase("reconnecting");
            await(() -> load.outcomes("reconnecting").stream().anyMatch(o -> o.status() < 300),
                    "a request served after the restart");
            load.phase("after");
            await(() -> okCount(load.outcomes("after"), "reserve") > 0 && okCount(load.outcomes("after"), "coupon") > 0
                    && okCount(load.outcomes("after"), "payment") + okCount(load.outcomes("after"), "retry") > 0,
                    "2xx for reservations, coupons and payments after the restart");
            Thread.sleep(2000); // two more seconds of load on the recovered service (a duration, not a wait for a state)
            load.stop();

            // clients retry every key they got no answer for; the reconciler may have settled it first
            Map<String, Long> retries = new TreeMap<>();
            for (String key : load.unsettledKeys()) {
                Response last = load.retryUntilSettled(key, 60_000);
                retries.merge(last == null ? "none" : last.status() + " " + last.code(), 1L, Long::sum);
            }
            List<Outcome> all = load.outcomes();
            paidOrders = load.paidOrders();
            List<Long> failFast = all.stream().filter(o -> o.status() == 503).map(Outcome::millis).sorted().toList();
            String figures = Figures.report("DatabaseOutageIT",
                    WORKERS + " workers, " + all.size() + " requests, PostgreSQL stopped once for ~4 s; "
                    + load.phases() + "; 503 answers: " + failFast.size() + ", latency ms p50="
                    + percentile(failFast, 50) + " p95=" + percentile(failFast, 95) + " max=" + percentile(failFast, 100)
                    + "; health while down " + healthWhileDown.status() + " in " + healthMillis + " ms: "
                    + healthWhileDown.body() + "; unsettled payment keys retried by the client: " + retries);

            // never a 500, never a body that is not a problem, never a lost response (IO_ERROR, 599)
            assertThat(all).filteredOn(o -> o.status() >= 500 && o.status() != 502 && o.status() != 503 && o.status() != 504)
                    .as("500s or lost responses").isEmpty();
            assertThat(all).filteredOn(o -> o.status() >= 400)
                    .allSatisfy(o -> assertThat(o.contentType()).as(o.label()).startsWith("application/problem+json"));
            // the outage was seen, as 503 problems the client may retry, answered well before the pool's 10 s wait
            List<Outcome> unavailable = all.stream().filter(o -> o.status() == 503).toList();
            // A 503 is the outage and nothing else: SERVICE_UNAVAILABLE, or a lock wait (LOCK_UNAVAILABLE,
            // LOCK_TIMEOUT) run out behind a holder that was itself waiting for the database. Bound: only
            // requests that started before the service had PostgreSQL back (phases before, outage,
            // restarting, reconnecting); once a request was served again (phase after), none is refused.
            assertThat(unavailable).as(figures).isNotEmpty()
                    .allSatisfy(o -> {
                        assertThat(o.code()).isIn("SERVICE_UNAVAILABLE", "LOCK_UNAVAILABLE", "LOCK_TIMEOUT");
                        assertThat(o.retryAfter()).as(o.label() + " Retry-After").isNotBlank();
                    });
            assertThat(load.outcomes("after")).as("answers to requests started once the service was back")
                    .filteredOn(o -> o.status() >= 500).isEmpty();
            assertThat(unavailable).as(figures).filteredOn(o -> o.code().equals("SERVICE_UNAVAILABLE")).isNotEmpty();
            assertThat(percentile(failFast, 50)).as("median 503 latency (ms)").isLessThan(3000);
            assertThat(percentile(failFast, 100)).as("slowest 503 (ms)").isLessThan(8000);
            assertThat(healthWhileDown.status()).as(figures).isEqualTo(503);
            assertThat(healthWhileDown.json().path("components").path("db").path("status").asString())
                    .as(figures).isEqualTo("DOWN");
            assertThat(retries.keySet()).as(figures).isSubsetOf("201 OK");
        }

        // database truth: every key settled once, stock and coupons consistent
        assertThat(jdbc.queryForObject("""
                select count(*) from payment.idempotency_key
                where idempotency_key like 'fault-%' and state <> 'COMPLETED'""", Long.class))
                .as("our payment keys not completed").isZero();
        // at the gateway: one approved charge per key (its order), of the amount the service recorded
        GatewayLedger ledger = GatewayLedger.read(dataSource, paidOrders);
        String gateway = Figures.report("DatabaseOutageIT", "gateway: " + ledger.summary());
        assertThat(ledger.violations()).as("the gateway's ledger against the payments recorded").isEmpty();
        long[] coupons = jdbc.queryForObject("""
                select c.issued_quantity, count(i.id), count(distinct i.user_id) from coupon.coupon c
                left join coupon.issued_coupon i on i.coupon_id = c.id where c.id = ? group by c.issued_quantity""",
                (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, couponId);
        assertThat(coupons[1]).as(gateway).isEqualTo(coupons[0]).isEqualTo(coupons[2]);
        long confirmedUnits = jdbc.queryForObject("""
                select coalesce(sum(l.quantity), 0) from inventory.reservation_line l
                join inventory.reservation r on r.id = l.reservation_id
                where r.status = 'CONFIRMED' and l.sku = any (?)""", Long.class, (Object) skus.toArray(String[]::new));
        long onHand = jdbc.queryForObject("select sum(on_hand) from inventory.stock where sku = any (?)", Long.class,
                (Object) skus.toArray(String[]::new));
        List<String> violations = InvariantChecker.violations(dataSource);
        String database = Figures.report("DatabaseOutageIT",
                "database: coupon issued=" + coupons[0] + " rows=" + coupons[1] + "; stock on hand "
                + onHand + " + confirmed " + confirmedUnits + " = " + (onHand + confirmedUnits) + " of " + 3 * STOCK
                + "; invariant violations (" + InvariantChecker.count() + " checked): " + violations);
        assertThat(onHand + confirmedUnits).as("no unit lost or made up").isEqualTo(3 * STOCK);
        assertThat(violations).as(database).isEmpty();
    }

    private static long okCount(List<Outcome> outcomes, String kind) {
        return outcomes.stream().filter(o -> o.kind().equals(kind) && o.status() < 300).count();
    }

    private static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within 90 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
