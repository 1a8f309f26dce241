package dev.commerce.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.infra.check.InvariantChecker;
import dev.commerce.infra.local.LocalInfrastructure;
import dev.commerce.testing.ConcurrentRun;
import dev.commerce.testing.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Redis stopped in the middle of a stream of checkouts, then started again (empty) on the same
 * port. Placing, paying and cancelling an order need no Redis: the order, its keys, the stock, the
 * coupon redemption and the payment live in PostgreSQL; only the rate limiter asks Redis, and it
 * fails open. So every checkout of the stream succeeds before, during and after the outage, and
 * the database's truth is exact: one order per placement answered 201 (a replayed key names the
 * same order), each with its reservation of exactly its lines, stock on hand and reserved equal
 * to what the paid and open orders took, one approved charge per paid order, coupons redeemed by
 * open and paid orders only, and the invariant checker finds nothing.
 *
 * <p>Runs on the embedded servers on every machine: its context asks for them
 * ({@code commerce.infra.mode=embedded}), also where Docker answers and the rest of the suite runs on
 * Testcontainers (GitHub CI), because stopping Redis and starting it again on the same port is what
 * {@link LocalInfrastructure#stopRedis()} does to the embedded server. The embedded servers are kept
 * apart from any containers this JVM started, so it runs (never skips) whatever ran before it, and the
 * containers the other contexts share are never touched. Same context as {@code CouponRedisOutageIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "commerce.infra.mode=embedded"})
class CheckoutRedisOutageIT extends FullStackTest {

    private static final int WAVE = 16;
    /** Buyers each phase may use at most, so that a fast machine does not use them all up in one phase. */
    private static final Map<String, Integer> BUDGET = Map.of("before", 96, "outage", 400, "after", 96);
    private static final int MAX_BUYERS = 600; // at least the budgets, a multiple of 5 (every fifth holds a coupon)
    /** A pause between two waves, so that the stream lasts across the outage however fast the machine is. */
    private static final long PAUSE_MILLIS = 250;
    private static final long FIRST_BUYER = 71_000_000L;
    private static final int ON_HAND = 5_000;
    private static final long PRICE = 1_000;
    private static final long DISCOUNT = 300;

    @Autowired
    MeterRegistry meters;

    private boolean redisStopped;

    @AfterEach
    void redisIsBack() {
        if (redisStopped) {
            LocalInfrastructure.startRedis();
        }
    }

    /** What one buyer did: the order placed (or not), what followed, each answer with its phase. */
    private record Checkout(int buyer, String phase, String orderId, String sku, int quantity, boolean withCoupon,
            String action, List<String> outcomes) {
    }

    @Test
    void checkouts_keep_working_while_redis_is_down_and_the_database_holds_exactly_what_they_took()
            throws Exception {
        ApiClient admin = new ApiClient(port);
        String run = Long.toString(System.nanoTime(), 36);
        List<String> skus = List.of("redis-out-a-" + run, "redis-out-b-" + run);
        for (String sku : skus) {
            assertThat(admin.put("/api/v1/products/" + sku + "/stock", Map.of("onHand", ON_HAND)).status()).isEqualTo(200);
            assertThat(admin.put("/api/v1/products/" + sku + "/price", Map.of("price", PRICE, "currency", "KRW")).status())
                    .isEqualTo(200);
        }
        // every fifth buyer holds a copy of a coupon, issued while Redis is up (issuing takes its lock)
        Response created = admin.post("/api/v1/coupons",
                Map.of("name", "REDIS-OUT", "totalQuantity", MAX_BUYERS / 5, "discount", DISCOUNT));
        assertThat(created.status()).isEqualTo(201);
        String couponId = created.json().path("id").asString();
        for (int buyer = 0; buyer < MAX_BUYERS; buyer += 5) {
            assertThat(admin.as(FIRST_BUYER + buyer).post("/api/v1/coupons/" + couponId + "/issues", Map.of()).status())
                    .isEqualTo(201);
        }
        Tokens.mintBuyers(FIRST_BUYER, MAX_BUYERS);

        List<Checkout> checkouts = new CopyOnWriteArrayList<>();
        AtomicInteger nextBuyer = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, AtomicInteger> placedIn = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicReference<String> phase = new java.util.concurrent.atomic.AtomicReference<>("before");
        Map<String, AtomicInteger> usedIn = new ConcurrentHashMap<>();
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
            while (!stop.get() && nextBuyer.get() + WAVE <= MAX_BUYERS) {
                String wavePhase = phase.get();
                AtomicInteger used = usedIn.computeIfAbsent(wavePhase, p -> new AtomicInteger());
                if (used.get() + WAVE > BUDGET.get(wavePhase)) {
                    pause(20); // this phase's buyers are used up: wait for the next phase (or the end)
                    continue;
                }
                used.addAndGet(WAVE);
                int first = nextBuyer.getAndAdd(WAVE);
                pause(PAUSE_MILLIS);
                checkouts.addAll(ConcurrentRun.results(WAVE, worker -> {
                    Checkout checkout = checkout(admin, first + worker, wavePhase, skus, couponId);
                    if (checkout.orderId() != null) {
                        placedIn.computeIfAbsent(wavePhase, p -> new AtomicInteger()).incrementAndGet();
                    }
                    return checkout;
                }));
            }
        });

        await(() -> placed(placedIn, "before") >= 48, "48 orders placed before the outage", stream);
        phase.set("outage");
        double failedOpenBefore = failedOpen();
        stopRedis();
        long down = System.nanoTime();
        await(() -> placed(placedIn, "outage") >= 64 && System.nanoTime() - down > TimeUnit.SECONDS.toNanos(6),
                "64 orders placed and 6 s with Redis down", stream);
        phase.set("after");
        double failedOpen = failedOpen() - failedOpenBefore;
        LocalInfrastructure.startRedis();
        redisStopped = false;
        await(() -> placed(placedIn, "after") >= 48, "48 orders placed after Redis came back", stream);
        stop.set(true);
        stream.get(120, TimeUnit.SECONDS);

        // outcomes by phase and step
        Map<String, Map<String, Long>> byPhase = new TreeMap<>();
        for (Checkout checkout : checkouts) {
            for (String outcome : checkout.outcomes()) {
                byPhase.computeIfAbsent(checkout.phase(), p -> new TreeMap<>()).merge(outcome, 1L, Long::sum);
            }
        }
        List<Checkout> placed = checkouts.stream().filter(c -> c.orderId() != null).toList();
        Map<String, Long> expectedStatus = new TreeMap<>();
        placed.forEach(c -> expectedStatus.merge(statusAfter(c.action()), 1L, Long::sum));
        String figures = Figures.report("CheckoutRedisOutageIT",
                checkouts.size() + " buyers in waves of " + WAVE + ", " + placed.size()
                + " orders placed (before/outage/after " + placedIn + "); answers by phase " + byPhase
                + "; checkout rate-limit decisions without Redis (fail open) during the outage: " + failedOpen);
        assertThat(failedOpen).as("the rate limiter met the outage and let checkouts pass").isPositive();

        // every step of every checkout succeeded, whatever the phase
        assertThat(checkouts)
                .as(figures).allSatisfy(c -> assertThat(c.outcomes()).as("buyer %d in phase %s", c.buyer(), c.phase())
                .allSatisfy(outcome -> assertThat(outcome).endsWith(" OK")));
        assertThat(placed).as(figures).hasSameSizeAs(checkouts);

        // the database: one order per placement, with the expected status and its reservation's state
        List<String> ids = placed.stream().map(Checkout::orderId).toList();
        String[] idArray = ids.toArray(String[]::new);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders.\"order\" o WHERE EXISTS (SELECT 1 FROM orders.order_line l"
                + " WHERE l.order_id = o.id AND l.sku = ANY (?))", Long.class, (Object) skus.toArray(String[]::new)))
                .as("orders of the run's SKUs").isEqualTo(placed.size());
        Map<String, Long> statusInDatabase = countBy("SELECT status, count(*) FROM orders.\"order\" WHERE id = ANY (?)"
                + " GROUP BY status", (Object) idArray);
        assertThat(statusInDatabase).as(figures).isEqualTo(expectedStatus);
        // each order holds a reservation of exactly its lines
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM orders."order" o JOIN orders.order_line ol ON ol.order_id = o.id
                LEFT JOIN inventory.reservation_line rl ON rl.reservation_id = o.reservation_id AND rl.sku = ol.sku
                WHERE o.id = ANY (?) AND (rl.quantity IS NULL OR rl.quantity <> ol.quantity)""", Long.class,
                (Object) idArray)).as("order lines without their reserved quantity").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inventory.reservation WHERE order_id = ANY (?)", Long.class,
                (Object) idArray)).as("one reservation per order").isEqualTo(placed.size());

        // the events have moved every reservation and coupon (asynchronously after the commit)
        Map<String, Long> expectedReservations = new TreeMap<>();
        placed.forEach(c -> expectedReservations.merge(reservationAfter(c.action()), 1L, Long::sum));
        awaitTruth(() -> countBy("SELECT r.status, count(*) FROM inventory.reservation r WHERE r.order_id = ANY (?)"
                + " GROUP BY r.status", (Object) idArray).equals(expectedReservations), "reservations " + expectedReservations);
        for (String sku : skus) {
            long paidUnits = placed.stream().filter(c -> c.sku().equals(sku) && c.action().equals("pay"))
                    .mapToLong(Checkout::quantity).sum();
            long openUnits = placed.stream().filter(c -> c.sku().equals(sku) && c.action().equals("leave"))
                    .mapToLong(Checkout::quantity).sum();
            long onHand = jdbc.queryForObject("SELECT on_hand FROM inventory.stock WHERE sku = ?", Long.class, sku);
            long reserved = jdbc.queryForObject("SELECT reserved FROM inventory.stock WHERE sku = ?", Long.class, sku);
            assertThat(onHand).as("on hand of " + sku).isEqualTo(ON_HAND - paidUnits);
            assertThat(reserved).as("reserved of " + sku).isEqualTo(openUnits);
        }
        long paid = expectedStatus.getOrDefault("PAID", 0L);
        Map<String, Long> approvedPerOrder = countBy("SELECT cnt::text, count(*) FROM (SELECT order_id, count(*) cnt"
                + " FROM gateway_simulator.charge WHERE status = 'APPROVED' AND order_id = ANY (?) GROUP BY order_id) c"
                + " GROUP BY cnt", (Object) idArray);
        assertThat(approvedPerOrder).as("orders by number of approved charges").isEqualTo(Map.of("1", paid));
        long couponOrdersHolding = placed.stream().filter(c -> c.withCoupon() && !c.action().equals("cancel")).count();
        long couponOrdersCancelled = placed.stream().filter(c -> c.withCoupon() && c.action().equals("cancel")).count();
        awaitTruth(() -> countBy("SELECT status, count(*) FROM coupon.issued_coupon WHERE coupon_id = ? GROUP BY status",
                couponId).equals(couponCopies(couponOrdersHolding)), "coupon copies redeemed " + couponOrdersHolding);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM coupon.issued_coupon WHERE coupon_id = ? AND status = 'REDEEMED'"
                + " AND order_id = ANY (?)", Long.class, couponId, idArray)).as(figures).isEqualTo(couponOrdersHolding);

        List<String> violations = InvariantChecker.violations(dataSource);
        String database = Figures.report("CheckoutRedisOutageIT",
                "database: orders by status " + statusInDatabase + ", reservations "
                + expectedReservations + ", orders by approved charges " + approvedPerOrder + ", coupon copies redeemed "
                + couponOrdersHolding + " (released by cancel " + couponOrdersCancelled + "); invariant violations ("
                + InvariantChecker.count() + " checked): " + violations);
        assertThat(violations).as(database).isEmpty();
    }

    private double failedOpen() {
        var counter = meters.find("ratelimit.requests").tag("class", "checkout").tag("outcome", "unavailable").counter();
        return counter == null ? 0 : counter.count();
    }

    private Map<String, Long> couponCopies(long redeemed) {
        Map<String, Long> copies = new TreeMap<>();
        copies.put("ISSUED", (long) (MAX_BUYERS / 5) - redeemed);
        if (redeemed > 0) {
            copies.put("REDEEMED", redeemed);
        }
        copies.values().removeIf(n -> n == 0);
        return copies;
    }

    /**
     * One buyer's checkout: place (every seventh buyer sends the same request twice and must get the
     * same order back, replayed), then pay (half of them), cancel (a quarter) or leave the order open.
     */
    private static Checkout checkout(ApiClient admin, int buyer, String phase, List<String> skus, String couponId) {
        long userId = FIRST_BUYER + buyer;
        ApiClient api = admin.as(userId);
        String sku = skus.get(buyer / 4 % skus.size());
        int quantity = 1 + buyer % 3;
        boolean withCoupon = buyer % 5 == 0;
        String action = switch (buyer % 4) {
            case 0, 1 -> "pay";
            case 2 -> "cancel";
            default -> "leave";
        };
        List<String> outcomes = new ArrayList<>();
        Map<String, Object> body = withCoupon
                ? Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity)), "couponId", couponId)
                : Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity)));
        String key = "redis-out-" + UUID.randomUUID();
        Response placed = post(api, "/api/v1/orders", body, key);
        outcomes.add("place " + placed.code());
        if (placed.status() != 201) {
            return new Checkout(buyer, phase, null, sku, quantity, withCoupon, action, outcomes);
        }
        String orderId = placed.json().path("id").asString();
        if (buyer % 7 == 0) {
            Response again = post(api, "/api/v1/orders", body, key);
            boolean same = again.status() == 201 && orderId.equals(again.json().path("id").asString())
                    && "true".equals(again.header("Idempotent-Replayed"));
            outcomes.add("replay " + (same ? "OK" : again.status() + " " + again.code()));
        }
        Response next = switch (action) {
            case "pay" -> post(api, "/api/v1/orders/" + orderId + "/payment", Map.of(), "redis-out-" + UUID.randomUUID());
            case "cancel" -> post(api, "/api/v1/orders/" + orderId + "/cancel", Map.of(), null);
            default -> null;
        };
        if (next != null) {
            outcomes.add(action + " " + next.code());
        }
        return new Checkout(buyer, phase, orderId, sku, quantity, withCoupon, action, outcomes);
    }

    private static Response post(ApiClient api, String path, Object body, String key) {
        return api.send("POST", path, "application/json", ApiClient.JSON.writeValueAsString(body),
                key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    private static String statusAfter(String action) {
        return switch (action) {
            case "pay" -> "PAID";
            case "cancel" -> "CANCELLED";
            default -> "AWAITING_PAYMENT";
        };
    }

    private static String reservationAfter(String action) {
        return switch (action) {
            case "pay" -> "CONFIRMED";
            case "cancel" -> "CANCELLED";
            default -> "PENDING";
        };
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int placed(Map<String, AtomicInteger> placedIn, String phase) {
        AtomicInteger count = placedIn.get(phase);
        return count == null ? 0 : count.get();
    }

    private Map<String, Long> countBy(String sql, Object... parameters) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query(sql, (org.springframework.jdbc.core.RowCallbackHandler) rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        }, parameters);
        return counts;
    }

    private void stopRedis() {
        LocalInfrastructure.stopRedis();
        redisStopped = true;
    }

    private static void await(BooleanSupplier condition, String what, CompletableFuture<Void> stream)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (stream.isDone()) {
                stream.get(); // a failure in the stream, or every buyer used up
                assertThat(condition.getAsBoolean()).as(what + " before the stream ended").isTrue();
                return;
            }
            assertThat(System.nanoTime()).as(what + " within 90 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void awaitTruth(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
