package dev.commerce.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.infra.check.InvariantChecker;
import dev.commerce.infra.local.LocalCluster;
import dev.commerce.testing.Figures;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three processes of the packaged application on one PostgreSQL and one Redis under checkout load
 * (buyers place orders on two SKUs, some with a coupon, then pay, cancel or leave them unpaid,
 * spread round-robin over the instances); one process is killed with SIGKILL in the middle and the
 * load goes on on the two survivors. A buyer whose answer was lost retries the same request with
 * the same Idempotency-Key on a survivor until it is answered, as a client would. The killed
 * instance is restarted on its port at once (as a supervisor would): module events are delivered
 * again on restart only (ADR 11), so the restarted process delivers the publications the dead one
 * left incomplete. Reservations live long enough (see {@link #LIFETIME_SECONDS}) for that restart
 * to happen before the stock of a paid order could expire. Afterwards, from the database: every
 * order is PAID, CANCELLED, EXPIRED or still payable (or past its expiry by less than the sweep's
 * grace, {@link #SWEEP_GRACE}), no order has two approved charges, what a buyer was answered is
 * what the database holds, every
 * module event publication is complete, stock on hand plus confirmed is the initial stock and
 * reserved the pending lines, and the invariant checker finds nothing. Only answers the dead
 * instance owed may be lost: it leaves the rotation before it is killed, so a lost answer is a
 * request already on its way to it, at most one per worker.
 *
 * <p>Stops no PostgreSQL or Redis: the instances share whatever servers this JVM resolved
 * ({@link LocalCluster#sharedEnvironment()}: Testcontainers where Docker answers, else embedded), so it
 * runs unchanged on either path.
 */
class CheckoutInstanceKillIT {

    private static final int INSTANCES = 3;
    private static final int VICTIM = 1;
    private static final int WORKERS = 9;
    private static final long STOCK_PER_SKU = 400;
    private static final long PRICE = 2_000;
    private static final long DISCOUNT = 500;
    private static final int MAX_BUYERS = 600;
    private static final int COUPON_HOLDERS = 60;
    private static final long FIRST_BUYER = 81_000_000L;
    /** How long a reservation (and so an order) lives: more than a restart of an instance takes here. */
    private static final int LIFETIME_SECONDS = 45;
    /** How long after its expiry an unpaid order may wait for the expiry sweep (every second here). */
    private static final String SWEEP_GRACE = "5 seconds";
    private static final Path LOGS = Path.of("target", "instances-checkout-kill");

    private static LocalCluster cluster;
    private static volatile LocalCluster restarted;
    private static List<ApiClient> clients;
    private static int firstPort;

    private static List<String> jvmOptions() {
        return List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dspring.datasource.hikari.maximum-pool-size=10",
                "-Dcommerce.inventory.reservation-lifetime=" + LIFETIME_SECONDS + "s",
                "-Dcommerce.inventory.expiry-sweep-interval=1s",
                "-Dcommerce.order.expiry-sweep-interval=1s",
                // a payment's claim and a request's key left by the dead instance are taken over within seconds
                "-Dcommerce.order.payment-lease=8s",
                "-Dcommerce.order.key-lease=5s",
                "-Dcommerce.idempotency.lease=5s",
                "-Dcommerce.payment.idempotency-lease=5s",
                "-Dcommerce.payment.reconcile-interval=1s",
                "-Dcommerce.payment.reconcile-after=2s");
    }

    @BeforeAll
    static void startInstances() throws Exception {
        firstPort = LocalCluster.freeConsecutivePorts(INSTANCES);
        long started = System.nanoTime();
        cluster = LocalCluster.start(INSTANCES, PackagedApplication.jar(), firstPort, LOGS, jvmOptions());
        Figures.report("CheckoutInstanceKillIT", INSTANCES + " instances healthy in "
                + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s");
        clients = cluster.urls().stream().map(url -> new ApiClient(URI.create(url).getPort())).toList();
    }

    @AfterAll
    static void stopInstances() {
        if (restarted != null) {
            restarted.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** One request and its answer, with the phase it started in ({@code status} 599: no answer). */
    private record Outcome(String phase, String step, int instance, int status, String code) {
    }

    @Test
    void one_of_three_instances_killed_under_checkout_load_leaves_every_order_settled_charged_at_most_once_and_consistent()
            throws Exception {
        ApiClient admin = clients.get(0);
        String run = Long.toString(System.nanoTime(), 36);
        List<String> skus = List.of("ck-kill-a-" + run, "ck-kill-b-" + run);
        for (String sku : skus) {
            assertThat(admin.put("/api/v1/products/" + sku + "/stock", Map.of("onHand", STOCK_PER_SKU)).status())
                    .isEqualTo(200);
            assertThat(admin.put("/api/v1/products/" + sku + "/price", Map.of("price", PRICE, "currency", "KRW"))
                    .status()).isEqualTo(200);
        }
        Response created = admin.post("/api/v1/coupons",
                Map.of("name", "CK-KILL", "totalQuantity", COUPON_HOLDERS, "discount", DISCOUNT));
        assertThat(created.status()).isEqualTo(201);
        String couponId = created.json().path("id").asString();
        for (int holder = 0; holder < COUPON_HOLDERS; holder++) {
            ApiClient on = clients.get(holder % INSTANCES);
            assertThat(on.as(FIRST_BUYER + holder * 10L).post("/api/v1/coupons/" + couponId + "/issues", Map.of())
                    .status()).isEqualTo(201);
        }
        Tokens.mintBuyers(FIRST_BUYER, MAX_BUYERS);
        // a slower gateway behind the victim: some of its payments are in flight when it dies
        setGatewayLatency(VICTIM, 300);

        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        Set<String> orderIds = ConcurrentHashMap.newKeySet();
        Map<String, String> answeredStatus = new ConcurrentHashMap<>();
        Set<Integer> dead = ConcurrentHashMap.newKeySet();
        AtomicReference<String> phase = new AtomicReference<>("before");
        AtomicInteger nextBuyer = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            running.add(workers.submit(() -> {
                int buyer;
                while (!stop.get() && (buyer = nextBuyer.getAndIncrement()) < MAX_BUYERS) {
                    checkout(buyer, skus, couponId, phase, dead, outcomes, orderIds, answeredStatus);
                }
                return null;
            }));
        }

        int placedBeforeKill;
        long killedAt;
        long stuckAfterKill;
        java.time.Instant killedAtInstant;
        CompletableFuture<LocalCluster> restart;
        try {
            await(() -> count(outcomes, "before", "place", 201) >= 60, "60 orders placed before the kill", 120);
            dead.add(VICTIM); // out of the rotation first, as a load balancer would: only requests in flight die with it
            phase.set("after");
            cluster.kill(VICTIM);
            killedAt = System.nanoTime();
            killedAtInstant = java.time.Instant.now();
            placedBeforeKill = (int) count(outcomes, "before", "place", 201);
            int victimPort = firstPort + VICTIM;
            // restarted at once on its port, as a supervisor would; it republishes incomplete publications on start
            restart = CompletableFuture.supplyAsync(() -> {
                try {
                    restarted = LocalCluster.start(1, PackagedApplication.jar(), victimPort, LOGS.resolve("restarted"),
                            jvmOptions());
                    return restarted;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            stuckAfterKill = stuckPublications(skus);
            await(() -> count(outcomes, "after", "place", 201) >= 90, "90 orders placed on the survivors", 120);
        } finally {
            stop.set(true);
            workers.shutdown();
            assertThat(workers.awaitTermination(150, TimeUnit.SECONDS)).as("workers done").isTrue();
        }
        for (Future<?> worker : running) {
            worker.get();
        }
        long loadSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);
        long settleStarted = System.nanoTime();
        restart.get(180, TimeUnit.SECONDS);
        long restartSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);

        Map<String, Map<String, Long>> answers = new TreeMap<>();
        for (Outcome outcome : outcomes) {
            answers.computeIfAbsent(outcome.phase() + " " + outcome.step(), k -> new TreeMap<>())
                    .merge(outcome.status() + " " + outcome.code(), 1L, Long::sum);
        }
        Figures.report("CheckoutInstanceKillIT",
                "killed instance " + (firstPort + VICTIM) + " after " + placedBeforeKill
                + " orders; load went on " + loadSeconds + " s; restarted instance healthy " + restartSeconds
                + " s after the kill; publications of the run incomplete 2 s and still 5 s after the kill (a survivor"
                + " completes its own in milliseconds: the dead instance's, for the restart to deliver): " + stuckAfterKill
                + "; " + nextBuyer.get() + " buyers, " + outcomes.size() + " answers: " + answers);

        try (Connection db = connect()) {
            // typed Object: passed to the varargs helpers as one array parameter
            Object skuArray = skus.toArray(String[]::new);
            String runOrders = "SELECT DISTINCT order_id FROM orders.order_line WHERE sku = ANY (?)";
            // the run's publications still incomplete (the serialized event names its order)
            String incompleteOfRun = "SELECT count(*) FROM event_publication e WHERE e.completion_date IS NULL"
                    + " AND EXISTS (SELECT 1 FROM (" + runOrders + ") r WHERE e.serialized_event LIKE '%' || r.order_id || '%')";
            // settle: the restarted instance's republication, the sweeps, the events they raise
            List<String> violations;
            long incompleteAtSettle;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                long incomplete = count(db, incompleteOfRun, skuArray);
                incompleteAtSettle = incomplete;
                long overdue = count(db, "SELECT count(*) FROM orders.\"order\" WHERE status = 'AWAITING_PAYMENT'"
                        + " AND expires_at <= now() - interval '" + SWEEP_GRACE + "' AND id IN (" + runOrders + ")", skuArray);
                // orders placed before the kill and left unpaid (some on the dead instance) expire on the survivors
                long openFromBeforeKill = count(db, "SELECT count(*) FROM orders.\"order\" WHERE status = 'AWAITING_PAYMENT'"
                        + " AND created_at < ? AND id IN (" + runOrders + ")", java.sql.Timestamp.from(killedAtInstant),
                        skuArray);
                violations = InvariantChecker.violations(db);
                if (incomplete == 0 && overdue == 0 && openFromBeforeKill == 0 && violations.isEmpty()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    Figures.report("CheckoutInstanceKillIT",
                            "not settled within 120 s: incomplete publications " + incomplete
                            + ", overdue orders " + overdue + ", open orders from before the kill " + openFromBeforeKill
                            + ", violations " + violations);
                    break;
                }
                Thread.sleep(500);
            }
            long settleSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - settleStarted);
            // the counts below are compared with each other: one snapshot, so that an order expiring
            // between two of them (orders still payable keep expiring) cannot make them disagree
            db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            db.setAutoCommit(false);

            // an order whose expiry passed less than SWEEP_GRACE ago may still wait for the next sweep (every 1 s)
            Map<String, Long> byStatus = countBy(db, "SELECT CASE WHEN status <> 'AWAITING_PAYMENT' THEN status"
                    + " WHEN expires_at > now() THEN 'AWAITING_PAYMENT (payable)'"
                    + " WHEN expires_at > now() - interval '" + SWEEP_GRACE + "' THEN 'AWAITING_PAYMENT (expiry due, next sweep)'"
                    + " ELSE 'AWAITING_PAYMENT (overdue)' END, count(*) FROM orders.\"order\""
                    + " WHERE id IN (" + runOrders + ") GROUP BY 1", skuArray);
            long chargedTwice = count(db, "SELECT count(*) FROM (SELECT order_id FROM gateway_simulator.charge"
                    + " WHERE status = 'APPROVED' AND order_id IN (" + runOrders + ") GROUP BY order_id"
                    + " HAVING count(*) > 1) twice", skuArray);
            Map<String, Long> chargesByOrderStatus = countBy(db, "SELECT o.status || ' ' || c.status, count(*)"
                    + " FROM gateway_simulator.charge c JOIN orders.\"order\" o ON o.id = c.order_id"
                    + " WHERE o.id IN (" + runOrders + ") GROUP BY 1", skuArray);
            long deduplicatedRequests = count(db, "SELECT coalesce(sum(request_count - 1), 0)"
                    + " FROM gateway_simulator.charge WHERE order_id IN (" + runOrders + ")", skuArray);
            Map<String, Long> reservations = countBy(db, "SELECT r.status, count(DISTINCT r.id) FROM inventory.reservation r"
                    + " JOIN inventory.reservation_line l ON l.reservation_id = r.id WHERE l.sku = ANY (?) GROUP BY 1",
                    skuArray);
            long orphans = count(db, "SELECT count(DISTINCT r.id) FROM inventory.reservation r"
                    + " JOIN inventory.reservation_line l ON l.reservation_id = r.id WHERE l.sku = ANY (?)"
                    + " AND NOT EXISTS (SELECT 1 FROM orders.\"order\" o WHERE o.reservation_id = r.id)", skuArray);
            long onHand = count(db, "SELECT sum(on_hand) FROM inventory.stock WHERE sku = ANY (?)", skuArray);
            long reserved = count(db, "SELECT sum(reserved) FROM inventory.stock WHERE sku = ANY (?)", skuArray);
            long confirmed = count(db, "SELECT coalesce(sum(l.quantity), 0) FROM inventory.reservation_line l"
                    + " JOIN inventory.reservation r ON r.id = l.reservation_id WHERE r.status = 'CONFIRMED'"
                    + " AND l.sku = ANY (?)", skuArray);
            long pendingUnits = count(db, "SELECT coalesce(sum(l.quantity), 0) FROM inventory.reservation_line l"
                    + " JOIN inventory.reservation r ON r.id = l.reservation_id WHERE r.status = 'PENDING'"
                    + " AND l.sku = ANY (?)", skuArray);
            // orders still payable at the settle may expire meanwhile: their OrderExpired publications
            // can be in flight now, so the assertion is on the settled moment and this is for the report
            long incomplete = count(db, incompleteOfRun, skuArray);
            Map<String, Long> publications = countBy(db, "SELECT replace(e.event_type, 'dev.commerce.order.', ''),"
                    + " count(*) FROM event_publication e WHERE EXISTS (SELECT 1 FROM ("
                    + runOrders + ") r WHERE e.serialized_event LIKE '%' || r.order_id || '%') GROUP BY 1", skuArray);
            Map<String, Long> copies = countBy(db, "SELECT status, count(*) FROM coupon.issued_coupon WHERE coupon_id = ?"
                    + " GROUP BY status", couponId);
            List<String> answeredButOther = new ArrayList<>();
            for (Map.Entry<String, String> answered : answeredStatus.entrySet()) {
                String status = stringOf(db, "SELECT status FROM orders.\"order\" WHERE id = ?", answered.getKey());
                if (!answered.getValue().equals(status)) {
                    answeredButOther.add(answered.getKey() + " answered " + answered.getValue() + ", is " + status);
                }
            }
            long ordersInDatabase = byStatus.values().stream().mapToLong(Long::longValue).sum();
            String figures = Figures.report("CheckoutInstanceKillIT",
                    "settled " + settleSeconds + " s after the load; database: " + ordersInDatabase + " orders (" + orderIds.size()
                    + " answered 201 to their buyers) by status " + byStatus + "; approved charges on an order twice "
                    + chargedTwice + "; charges by order status " + chargesByOrderStatus + " (deduplicated requests "
                    + deduplicatedRequests + "); reservations " + reservations + " (without an order " + orphans
                    + "); stock on hand " + onHand + " + confirmed " + confirmed + " of " + 2 * STOCK_PER_SKU
                    + ", reserved " + reserved + " (pending units " + pendingUnits + "); coupon copies " + copies
                    + "; event publications " + publications + ", incomplete at the settle " + incompleteAtSettle
                    + " (now " + incomplete + ")" + "; invariant violations ("
                    + InvariantChecker.count() + " checked): " + violations);

            assertThat(outcomes).filteredOn(o -> o.status() >= 500 && o.status() != 599).as("5xx answers").isEmpty();
            // a lost answer is one the victim owed: sent before it left the rotation, one per worker at most
            assertThat(outcomes).filteredOn(o -> o.status() == 599).as("lost answers")
                    .hasSizeLessThanOrEqualTo(WORKERS)
                    .allSatisfy(o -> assertThat(o.instance()).as(o + ": instance").isEqualTo(VICTIM))
                    .allSatisfy(o -> assertThat(o.phase()).as(o + ": started in phase").isEqualTo("before"));
            assertThat(byStatus.keySet())
                    .as(figures).isSubsetOf("PAID", "CANCELLED", "EXPIRED", "AWAITING_PAYMENT (payable)",
                    "AWAITING_PAYMENT (expiry due, next sweep)");
            assertThat(ordersInDatabase).as(figures).isGreaterThanOrEqualTo(orderIds.size());
            assertThat(chargedTwice).as("orders with two approved charges").isZero();
            assertThat(answeredButOther).as("orders whose last answer was not what the database holds").isEmpty();
            assertThat(onHand + confirmed).as("no unit lost or made up").isEqualTo(2 * STOCK_PER_SKU);
            assertThat(reserved).as(figures).isEqualTo(pendingUnits);
            assertThat(incompleteAtSettle).as("incomplete event publications once settled").isZero();
            assertThat(violations).as(figures).isEmpty();
            // a checkout killed after redeeming left its copy to the placement journal, not lost
            assertThat(InvariantChecker.redeemedWithoutOrder(db, List.of(couponId))).as(figures).isEmpty();
        }
    }

    /**
     * One buyer's checkout on the instance its number picks (skipping the dead one): place, then pay
     * (half of them), cancel (a fifth) or leave the order unpaid; a request without an answer is
     * retried with the same key on a survivor.
     */
    private static void checkout(int buyer, List<String> skus, String couponId, AtomicReference<String> phase,
            Set<Integer> dead, List<Outcome> outcomes, Set<String> orderIds, Map<String, String> answeredStatus) {
        long userId = FIRST_BUYER + buyer;
        String sku = skus.get(buyer % skus.size());
        int quantity = 1 + buyer % 2;
        boolean withCoupon = buyer % 10 == 0 && buyer / 10 < COUPON_HOLDERS;
        Map<String, Object> line = Map.of("sku", sku, "quantity", quantity);
        Map<String, Object> body = withCoupon ? Map.of("lines", List.of(line), "couponId", couponId)
                : Map.of("lines", List.of(line));
        String placeKey = "ck-kill-" + UUID.randomUUID();
        Response placed = settled(buyer, userId, "/api/v1/orders", body, placeKey, "place", phase, dead, outcomes);
        if (placed == null || placed.status() != 201) {
            return;
        }
        String orderId = placed.json().path("id").asString();
        orderIds.add(orderId);
        answeredStatus.put(orderId, "AWAITING_PAYMENT");
        int action = buyer % 10;
        if (action < 5) {
            Response paid = settled(buyer, userId, "/api/v1/orders/" + orderId + "/payment", Map.of(),
                    "ck-kill-" + UUID.randomUUID(), "pay", phase, dead, outcomes);
            if (paid != null && paid.status() == 201) {
                answeredStatus.put(orderId, "PAID");
            } else {
                answeredStatus.remove(orderId); // a refusal leaves the order to the sweep or to a later state
            }
        } else if (action < 7) {
            Response cancelled = settled(buyer, userId, "/api/v1/orders/" + orderId + "/cancel", Map.of(),
                    "ck-kill-" + UUID.randomUUID(), "cancel", phase, dead, outcomes);
            if (cancelled != null && cancelled.status() == 200) {
                answeredStatus.put(orderId, "CANCELLED");
            } else {
                answeredStatus.remove(orderId);
            }
        } else {
            answeredStatus.remove(orderId); // left unpaid: it expires, or is still payable at the end
        }
    }

    /**
     * Sends the request until it is answered with something final: no answer (the instance died),
     * a 5xx, or 409 IDEMPOTENCY_REQUEST_IN_PROGRESS are retried with the same key on a live instance,
     * for at most 60 s.
     */
    private static Response settled(int buyer, long userId, String path, Object body, String key, String step,
            AtomicReference<String> phase, Set<Integer> dead, List<Outcome> outcomes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String json = ApiClient.JSON.writeValueAsString(body);
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            int instance = (buyer + attempt) % INSTANCES;
            while (dead.contains(instance)) {
                instance = (instance + 1) % INSTANCES;
            }
            String startedIn = phase.get();
            Response response;
            try {
                response = clients.get(instance).as(userId).send("POST", path, "application/json", json,
                        Map.of("Idempotency-Key", key));
            } catch (IllegalStateException e) {
                outcomes.add(new Outcome(startedIn, step + (attempt > 0 ? " retry" : ""), instance, 599, "NO_ANSWER"));
                sleep(300);
                continue;
            }
            outcomes.add(new Outcome(startedIn, step + (attempt > 0 ? " retry" : ""), instance, response.status(),
                    response.code()));
            boolean again = response.status() >= 500
                    || (response.status() == 409 && "IDEMPOTENCY_REQUEST_IN_PROGRESS".equals(response.code()));
            if (!again) {
                return response;
            }
            sleep(500);
        }
        return null;
    }

    /**
     * The run's event publications that were incomplete 2 s after the kill and still are 5 s after it:
     * a survivor completes its own within milliseconds, so these are the dead instance's.
     */
    private static long stuckPublications(List<String> skus) throws SQLException, InterruptedException {
        String sql = "SELECT e.id::text, 1 FROM event_publication e WHERE e.completion_date IS NULL AND EXISTS (SELECT 1"
                + " FROM orders.order_line l WHERE l.sku = ANY (?) AND e.serialized_event LIKE '%' || l.order_id || '%')";
        Object skuArray = skus.toArray(String[]::new);
        try (Connection db = connect()) {
            // the two moments define "stuck" (incomplete 2 s and still 5 s after the kill): durations, not waits for a state
            Thread.sleep(2_000);
            Set<String> early = countBy(db, sql, skuArray).keySet();
            Thread.sleep(3_000);
            Set<String> late = new java.util.HashSet<>(countBy(db, sql, skuArray).keySet());
            late.retainAll(early);
            return late.size();
        }
    }

    /** Sets latency on the gateway simulator of one instance, found by the address its log names. */
    private static void setGatewayLatency(int index, long latencyMillis) throws Exception {
        int port = firstPort + index;
        String log = Files.readString(LOGS.resolve("instance-" + port + ".log"));
        Matcher simulator = Pattern.compile("Payment gateway simulator listening on (http://127\\.0\\.0\\.1:\\d+)")
                .matcher(log);
        assertThat(simulator.find()).as("simulator address in the log of instance " + port).isTrue();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(simulator.group(1) + "/faults"))
                        .header("Content-Type", "application/json").timeout(java.time.Duration.ofSeconds(10))
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"latencyMillis\": " + latencyMillis + "}"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static long count(List<Outcome> outcomes, String phase, String step, int status) {
        return outcomes.stream().filter(o -> o.phase().equals(phase) && o.step().startsWith(step) && o.status() == status)
                .count();
    }

    private static long count(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(db, sql, parameters); ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private static String stringOf(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(db, sql, parameters); ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static Map<String, Long> countBy(Connection db, String sql, Object... parameters) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement statement = prepare(db, sql, parameters); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    private static PreparedStatement prepare(Connection db, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof String[] array) {
                statement.setArray(i + 1, db.createArrayOf("varchar", array));
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
        return statement;
    }

    private static Connection connect() throws SQLException {
        Map<String, String> database = cluster.environment();
        return DriverManager.getConnection(database.get("SPRING_DATASOURCE_URL"),
                database.get("SPRING_DATASOURCE_USERNAME"), database.get("SPRING_DATASOURCE_PASSWORD"));
    }

    private static void await(BooleanSupplier condition, String what, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + seconds + " s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
