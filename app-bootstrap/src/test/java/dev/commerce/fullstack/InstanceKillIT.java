package dev.commerce.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.MixedLoad.Outcome;
import dev.commerce.infra.check.InvariantChecker;
import dev.commerce.infra.local.LocalCluster;
import dev.commerce.testing.Figures;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three processes of the packaged application on one PostgreSQL and one Redis, under mixed
 * concurrent load (reservations on two hot SKUs with a short lifetime, one coupon, payments whose
 * keys clients retry on another instance); one process is killed with SIGKILL in the middle and
 * the load goes on on the survivors. Afterwards, from the database: no coupon over-issued or
 * issued twice to a user, no unit of stock lost (expired reservations released, reserved equal to
 * the pending lines), at the gateway at most one approved charge per payment key and exactly the
 * amount the service recorded ({@link GatewayLedger}), and the invariant checker finds nothing.
 *
 * <p>Only answers the dead instance owed may be lost: the victim is taken out of rotation (as a load
 * balancer would) before it is killed, so a lost answer ({@code IO_ERROR}) is a request that was
 * already on its way to the victim; each worker has one request in flight, so there are at most
 * {@value #WORKERS}. A lost answer from a survivor fails the test.
 *
 * <p>Stops no PostgreSQL or Redis: the instances share whatever servers this JVM resolved
 * ({@link LocalCluster#sharedEnvironment()}: Testcontainers where Docker answers, else embedded), so it
 * runs unchanged on either path.
 */
class InstanceKillIT {

    private static final int INSTANCES = 3;
    private static final int VICTIM = 1;
    private static final int WORKERS = 12;
    private static final long STOCK_PER_SKU = 10;
    private static final int COUPONS = 80;

    private static LocalCluster cluster;
    private static List<ApiClient> clients;

    @BeforeAll
    static void startInstances() throws Exception {
        int firstPort = LocalCluster.freeConsecutivePorts(INSTANCES);
        cluster = LocalCluster.start(INSTANCES, PackagedApplication.jar(), firstPort, Path.of("target", "instances-kill"),
                List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        "-Dspring.datasource.hikari.maximum-pool-size=10",
                        // reservations expire and keys are taken over within the test's minute
                        "-Dcommerce.inventory.reservation-lifetime=3s",
                        "-Dcommerce.inventory.expiry-sweep-interval=1s",
                        "-Dcommerce.payment.idempotency-lease=5s",
                        "-Dcommerce.payment.reconcile-interval=1s",
                        "-Dcommerce.payment.reconcile-after=2s",
                        "-Dcommerce.coupon.lock.lease-time=3s"));
        clients = cluster.urls().stream().map(url -> new ApiClient(URI.create(url).getPort())).toList();
    }

    @AfterAll
    static void stopInstances() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void one_of_three_instances_killed_mid_run_loses_no_stock_over_issues_no_coupon_and_charges_no_key_twice()
            throws Exception {
        ApiClient api = clients.get(0);
        String run = Long.toString(System.nanoTime(), 36);
        List<String> skus = List.of("kill-a-" + run, "kill-b-" + run);
        skus.forEach(sku -> assertThat(api.put("/api/v1/products/" + sku + "/stock", Map.of("onHand", STOCK_PER_SKU))
                .status()).isEqualTo(200));
        Response coupon = api.post("/api/v1/coupons", Map.of("name", "KILL", "totalQuantity", COUPONS));
        assertThat(coupon.status()).isEqualTo(201);
        String couponId = coupon.json().path("id").asString();

        // a slow gateway behind the victim: some of its payments are in flight when it dies
        slowGatewayOf(VICTIM, 800);

        Map<String, Long> retries = new TreeMap<>();
        List<Outcome> all;
        java.util.Set<String> paidOrders;
        try (MixedLoad load = new MixedLoad(clients, couponId, skus, 30_000_000L).start(WORKERS)) {
            await(() -> load.outcomes("before").size() >= 150, "150 requests before the kill", 90);

            load.phase("kill");
            load.retire(VICTIM);
            cluster.kill(VICTIM);
            load.phase("after");
            int afterKill = load.outcomes().size();
            await(() -> load.outcomes("after").size() >= 200, "200 requests on the survivors", 90);
            load.stop();
            for (String key : load.unsettledKeys()) {
                Response last = load.retryUntilSettled(key, 60_000);
                retries.merge(last == null ? "none" : last.status() + " " + last.code(), 1L, Long::sum);
            }
            all = load.outcomes();
            paidOrders = load.paidOrders();
            Figures.report("InstanceKillIT",
                    INSTANCES + " instances, " + WORKERS + " workers, 1 instance killed (SIGKILL) after "
                    + afterKill + " requests; " + all.size() + " requests in all; " + load.phases()
                    + "; unsettled payment keys retried on the survivors: " + retries);
        }

        try (Connection db = connect()) {
            // the killed instance's pending reservations expire on the survivors' sweep
            await(() -> count(db, """
                    select count(*) from inventory.reservation r join inventory.reservation_line l on l.reservation_id = r.id
                    where r.status = 'PENDING' and l.sku = any (?)""", skus) == 0, "every pending reservation expired", 60);
            long reserved = count(db, "select sum(reserved) from inventory.stock where sku = any (?)", skus);
            long onHand = count(db, "select sum(on_hand) from inventory.stock where sku = any (?)", skus);
            long confirmed = count(db, """
                    select coalesce(sum(l.quantity), 0) from inventory.reservation_line l
                    join inventory.reservation r on r.id = l.reservation_id where r.status = 'CONFIRMED' and l.sku = any (?)""", skus);
            Map<String, Long> reservations = new TreeMap<>();
            try (PreparedStatement statement = db.prepareStatement("""
                    select r.status, count(*) from inventory.reservation r join inventory.reservation_line l on l.reservation_id = r.id
                    where l.sku = any (?) group by r.status""")) {
                statement.setArray(1, db.createArrayOf("varchar", skus.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        reservations.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            long issuedQuantity = count(db, "select issued_quantity from coupon.coupon where id = ?", couponId);
            long issuedRows = count(db, "select count(*) from coupon.issued_coupon where coupon_id = ?", couponId);
            long issuedUsers = count(db, "select count(distinct user_id) from coupon.issued_coupon where coupon_id = ?", couponId);
            GatewayLedger ledger = GatewayLedger.read(db, paidOrders);
            List<String> ledgerViolations = ledger.violations();
            long keysOpen = count(db, """
                    select count(*) from payment.idempotency_key where idempotency_key like 'fault-%' and state <> 'COMPLETED'""",
                    List.of());
            List<String> violations = InvariantChecker.violations(db);
            long couponOk = all.stream().filter(o -> o.kind().equals("coupon") && o.status() == 201).count();
            String figures = Figures.report("InstanceKillIT",
                    "database: reservations by status " + reservations + "; stock on hand " + onHand
                    + " + confirmed " + confirmed + " of " + 2 * STOCK_PER_SKU + ", reserved " + reserved
                    + "; coupon issued_quantity=" + issuedQuantity + " rows=" + issuedRows + " users=" + issuedUsers
                    + " of " + COUPONS + " (201 answers " + couponOk + "); gateway: " + ledger.summary() + ", "
                    + ledgerViolations + "; keys not completed " + keysOpen + "; invariant violations (" + InvariantChecker.count()
                    + " checked): " + violations);

            assertThat(all).filteredOn(o -> o.status() == 500).as("500s").isEmpty();
            // a lost answer is one the victim owed: sent to it before it left the rotation, one per worker at most
            List<Outcome> lost = all.stream().filter(o -> o.status() == 599).toList();
            assertThat(lost).as("lost answers").hasSizeLessThanOrEqualTo(WORKERS)
                    .allSatisfy(o -> assertThat(o.instance()).as(o.label() + " to instance").isEqualTo(VICTIM))
                    .allSatisfy(o -> assertThat(o.phase()).as(o.label() + " started in phase").isIn("before", "kill"));
            assertThat(all).filteredOn(o -> o.status() >= 400 && o.status() != 599)
                    .allSatisfy(o -> assertThat(o.contentType()).as(o.label()).startsWith("application/problem+json"));
            assertThat(onHand + confirmed).as("no unit lost or made up").isEqualTo(2 * STOCK_PER_SKU);
            assertThat(reserved).as(figures).isZero();
            assertThat(issuedRows)
                    .as(figures).isEqualTo(issuedQuantity).isEqualTo(issuedUsers).isLessThanOrEqualTo(COUPONS)
                    .isGreaterThanOrEqualTo(couponOk);
            assertThat(ledgerViolations).as("the gateway's ledger against the payments recorded").isEmpty();
            assertThat(keysOpen).as(figures).isZero();
            assertThat(retries.keySet()).as(figures).isSubsetOf("201 OK");
            assertThat(violations).as(figures).isEmpty();
        }
    }

    /** Sets latency on the gateway simulator of one instance, found by the address its log names. */
    private static void slowGatewayOf(int index, long latencyMillis) throws Exception {
        int port = URI.create(cluster.urls().get(index)).getPort();
        String log = java.nio.file.Files.readString(Path.of("target", "instances-kill", "instance-" + port + ".log"));
        java.util.regex.Matcher simulator = java.util.regex.Pattern
                .compile("Payment gateway simulator listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(log);
        assertThat(simulator.find()).as("simulator address in the log of instance " + port).isTrue();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(simulator.group(1) + "/faults"))
                        .header("Content-Type", "application/json").timeout(java.time.Duration.ofSeconds(10))
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"latencyMillis\": " + latencyMillis + "}"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static long count(Connection db, String sql, Object parameter) {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            if (parameter instanceof List<?> list && !list.isEmpty()) {
                statement.setArray(1, db.createArrayOf("varchar", list.toArray()));
            } else if (parameter instanceof String text) {
                statement.setString(1, text);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        Map<String, String> database = cluster.environment();
        return DriverManager.getConnection(database.get("SPRING_DATASOURCE_URL"),
                database.get("SPRING_DATASOURCE_USERNAME"), database.get("SPRING_DATASOURCE_PASSWORD"));
    }

    private static void await(java.util.function.BooleanSupplier condition, String what, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + seconds + " s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
