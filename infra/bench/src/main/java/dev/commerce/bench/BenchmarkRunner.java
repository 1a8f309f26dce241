package dev.commerce.bench;

import dev.commerce.infra.check.InvariantChecker;
import dev.commerce.infra.local.LocalCluster;
import dev.commerce.infra.local.LocalInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Starts the packaged service on its default infrastructure, runs every scenario at every
 * concurrency level with Gatling, measures the physical limits in the same run, checks the
 * invariants in the database after each scenario, and writes docs/benchmarks.md.
 * Traffic goes to 127.0.0.1 only; every loop is bounded by {@code bench.seconds}.
 */
public final class BenchmarkRunner {

    private static final int SPREAD_SKUS = 200;
    private static final int REPLAY_KEYS = 100;
    private static final int WARM_UP_SECONDS = 4;
    private static final int WARM_UP_USERS = 16;
    private static final Duration CONFIRMATION_WAIT = Duration.ofSeconds(60);

    static final String RESERVATIONS_OF_SKU =
            "SELECT count(*) FROM inventory.reservation_line WHERE sku = ?";
    private static final String RESERVATIONS_OF_SPREAD =
            "SELECT count(*) FROM inventory.reservation_line WHERE sku LIKE ?";
    static final String ISSUED_OF_COUPON = "SELECT count(*) FROM coupon.issued_coupon WHERE coupon_id = ?";
    static final String PAYMENTS_OF_RUN = "SELECT count(*) FROM payment.payment WHERE idempotency_key LIKE ?";
    // the gateway gets the key with its user in front ("<userId>:<key>"), so the run's prefix follows a colon
    static final String CHARGES_OF_RUN =
            "SELECT count(*) FROM gateway_simulator.charge WHERE idempotency_key LIKE '%:' || ?";

    // the checkout rows: every query takes the row's SKU prefix (LIKE pattern) as its one parameter
    static final String OF_CHECKOUT_SKUS =
            " EXISTS (SELECT 1 FROM orders.order_line l WHERE l.order_id = o.id AND l.sku LIKE ?)";
    static final String ORDERS_OF_SKUS = "SELECT count(*) FROM orders.\"order\" o WHERE" + OF_CHECKOUT_SKUS;
    private static final String UNPAID_ORDERS_OF_SKUS =
            "SELECT count(*) FROM orders.\"order\" o WHERE o.status <> 'PAID' AND" + OF_CHECKOUT_SKUS;
    static final String APPROVED_CHARGES_OF_SKUS = "SELECT count(*) FROM gateway_simulator.charge c"
            + " JOIN orders.\"order\" o ON o.id = c.order_id WHERE c.status = 'APPROVED' AND" + OF_CHECKOUT_SKUS;
    static final String UNITS_TAKEN_OF_SKUS =
            "SELECT coalesce(sum(" + ServiceCalls.PLENTY + " - on_hand), 0) FROM inventory.stock WHERE sku LIKE ?";
    static final String UNITS_RESERVED_OF_SKUS =
            "SELECT coalesce(sum(reserved), 0) FROM inventory.stock WHERE sku LIKE ?";
    /** Paid orders whose reservation is not confirmed yet: OrderPaid confirms it after the answer (ADR 11). */
    static final String UNCONFIRMED_PAID_OF_SKUS = "SELECT count(*) FROM orders.\"order\" o"
            + " JOIN inventory.reservation r ON r.id = o.reservation_id"
            + " WHERE o.status = 'PAID' AND r.status = 'PENDING' AND" + OF_CHECKOUT_SKUS;

    private final Path work = Path.of(System.getProperty("bench.work", "target"));
    private final int seconds = Integer.getInteger("bench.seconds", 10);
    private final int[] levels = Arrays.stream(System.getProperty("bench.levels", "8,32,128").split(","))
            .map(String::trim).mapToInt(Integer::parseInt).toArray();
    /**
     * Scenario groups to run (pessimistic, redisson, payments, pessimistic-unbatched, optimistic, conditional,
     * redisson-no-handover, database-lock, coupon-atomic-unbatched, coupon-atomic, coupon-conditional,
     * checkout); all if unset.
     */
    private final List<String> only = Arrays.stream(System.getProperty("bench.only", "").split(","))
            .map(String::trim).filter(name -> !name.isEmpty()).toList();
    private final Report report = new Report();
    private final Map<Integer, LatencyStats> jdbcLimit = new HashMap<>();
    private final Map<Integer, LatencyStats> redissonLimit = new HashMap<>();
    private Map<String, String> environment;
    /** The service the rows are measured on (its CPU time is read before and after each row). */
    private long servicePid;
    private ScenarioChecks checks;
    private JdbcHotRowBaseline jdbcBaseline;

    /**
     * Ends the JVM itself once the report is written: a library thread left behind (a non-daemon
     * "pool-N-thread-1" scheduled executor was seen) otherwise keeps the run alive after its work is done.
     */
    public static void main(String[] args) {
        int status = 0;
        try {
            if ("soak".equals(System.getProperty("bench.mode"))) {
                new SoakRunner().run();
            } else if (WrkRunner.selected()) {
                new WrkRunner().run();
            } else {
                new BenchmarkRunner().run();
            }
        } catch (Throwable failure) {
            failure.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private void run() throws Exception {
        environment = LocalCluster.sharedEnvironment();
        checks = new ScenarioChecks(environment.get("SPRING_DATASOURCE_URL"), environment.get("SPRING_DATASOURCE_USERNAME"),
                environment.get("SPRING_DATASOURCE_PASSWORD"));
        jdbcBaseline = new JdbcHotRowBaseline(environment.get("SPRING_DATASOURCE_URL"),
                environment.get("SPRING_DATASOURCE_USERNAME"), environment.get("SPRING_DATASOURCE_PASSWORD"));
        Files.createDirectories(work);
        System.setProperty(Simulations.SECONDS, Integer.toString(seconds));
        try {
            try (RedissonLockBaseline redisson = new RedissonLockBaseline(environment.get("SPRING_DATA_REDIS_URL"))) {
                for (int users : levels) {
                    redissonLimit.put(users, redisson.run("bench:lock:" + users, users, Duration.ofSeconds(seconds)));
                }
            }
            if (selected("pessimistic", "redisson", "payments")) {
                withService("default", Map.of(), service -> {
                    for (int users : levels) {
                        if (selected("pessimistic")) {
                            inventory(service, "pessimistic", users);
                        }
                        if (selected("redisson")) {
                            coupon(service, "redisson", users);
                        }
                        if (selected("payments")) {
                            payments(service, users);
                        }
                    }
                });
            }
            if (selected("pessimistic-unbatched")) {
                // the default strategy with batching switched off: each reservation locks the row alone
                withService("pessimistic-unbatched", Map.of("COMMERCE_INVENTORY_COMBINELIMIT", "1"), service -> {
                    for (int users : levels) {
                        inventory(service, "pessimistic, unbatched", users);
                    }
                });
            }
            for (String strategy : List.of("optimistic", "conditional")) {
                if (selected(strategy)) {
                    withService(strategy, Map.of("COMMERCE_INVENTORY_STRATEGY", strategy), service -> {
                        for (int users : levels) {
                            inventory(service, strategy, users);
                        }
                    });
                }
            }
            if (selected("redisson-no-handover")) {
                // the default lock with the local hand-over switched off: every issue locks and unlocks in Redis
                withService("redisson-no-handover", Map.of("COMMERCE_COUPON_LOCK_HANDOVERLIMIT", "1"), service -> {
                    for (int users : levels) {
                        coupon(service, "redisson, no hand-over", users);
                    }
                });
            }
            if (selected("database-lock")) {
                withService("coupon-database-lock", Map.of("COMMERCE_COUPON_LOCK_TYPE", "database"), service -> {
                    for (int users : levels) {
                        coupon(service, "database lock", users);
                    }
                });
            }
            if (selected("coupon-atomic-unbatched")) {
                // the atomic script with group commit switched off: one PostgreSQL statement per copy
                withService("coupon-atomic-unbatched", Map.of("COMMERCE_COUPON_STRATEGY", "atomic",
                        "COMMERCE_COUPON_ATOMIC_WRITEBATCHSIZE", "1"), service -> {
                    for (int users : levels) {
                        coupon(service, "atomic Redis script, one write per copy", users);
                    }
                });
            }
            for (String strategy : List.of("atomic", "conditional")) {
                if (selected("coupon-" + strategy)) {
                    withService("coupon-" + strategy, Map.of("COMMERCE_COUPON_STRATEGY", strategy), service -> {
                        for (int users : levels) {
                            coupon(service, "atomic".equals(strategy) ? "atomic Redis script" : "database alone (conditional)",
                                    users);
                        }
                    });
                }
            }
            if (selected("checkout")) {
                withService("checkout", Map.of(), service -> {
                    warmUpCheckout(service);
                    for (int users : levels) {
                        checkout(service, users);
                    }
                });
            }
        } finally {
            LocalInfrastructure.stopAll();
        }
        report.note("Every row ends with the " + InvariantChecker.count() + " invariants of InvariantChecker over the "
                + "whole database plus the row's own count (successes seen by clients = rows stored; for a checkout row: "
                + "orders = placed, none left unpaid, approved gateway charges = paid, on-hand units taken = paid, "
                + "none left reserved).");
        String experiments = Services.experimentNote();
        if (experiments != null) {
            report.note(experiments);
        }
        String runNote = System.getProperty("bench.note", "");
        if (!runNote.isBlank()) {
            report.note(runNote);
        }
        // a partial run (bench.only) never replaces the full report in docs/
        Path reportFile = only.isEmpty() ? Path.of(Simulations.property("bench.report"))
                : work.resolve("benchmarks-partial.md");
        Path charts = only.isEmpty() ? Path.of(Simulations.property("bench.charts")) : work.resolve("gatling-charts");
        List<String> chartLinks = new ArrayList<>();
        for (String[] family : new String[][] {{"reserve, one hot SKU, ", "Inventory, one hot SKU"},
            {"issue one hot coupon, ", "Coupons, one hot coupon"}}) {
            for (String chart : Charts.gatlingFamily(report.rows(), family[0], family[1], charts)) {
                chartLinks.add(reportFile.toAbsolutePath().getParent().relativize(charts.toAbsolutePath().resolve(chart))
                        .toString());
            }
        }
        report.write(reportFile, Services.describeEnvironment("Gatling, in this run's JVM"), seconds, chartLinks);
        System.out.println("Report written to " + reportFile.toAbsolutePath());
        if (!report.allInvariantsHold()) {
            throw new IllegalStateException("an invariant was broken; see the report");
        }
    }

    private boolean selected(String... groups) {
        return only.isEmpty() || Arrays.stream(groups).anyMatch(only::contains);
    }

    private interface ServiceWork {
        void run(String service) throws Exception;
    }

    /** One instance of the packaged service, as users run it, with {@code settings} as its environment. */
    private void withService(String name, Map<String, String> settings, ServiceWork work) throws Exception {
        try (LocalCluster cluster = Services.start(this.work, name, settings)) {
            String service = cluster.urls().get(0);
            servicePid = cluster.pids().get(0);
            System.setProperty(Simulations.BASE_URL, service);
            warmUp(service);
            work.run(service);
        }
    }

    private void inventory(String service, String strategy, int users) throws Exception {
        if (!jdbcLimit.containsKey(users)) {
            jdbcLimit.put(users, jdbcBaseline.run(ServiceCalls.newSku(service, "jdbc"), users, Duration.ofSeconds(seconds)));
        }
        String hot = ServiceCalls.newSku(service, "hot");
        LockTimes.Snapshot before = LockTimes.scrape(service);
        LatencyStats hotStats = measured("reserve, one hot SKU, " + strategy, users, ReserveStockSimulation.class,
                Map.of(ReserveStockSimulation.SKUS, hot));
        report.addLocks("reserve, one hot SKU, " + strategy, users, LockTimes.between(before, LockTimes.scrape(service)));
        report.add(new Report.Row("reserve, one hot SKU, " + strategy, users, hotStats, Outcomes.counts(),
                checks.check("reservations", RESERVATIONS_OF_SKU, hot, Outcomes.count("201")),
                "JDBC FOR UPDATE + UPDATE", jdbcLimit.get(users)));

        String prefix = "spread-" + UUID.randomUUID() + "-";
        List<String> spread = new ArrayList<>();
        for (int i = 0; i < SPREAD_SKUS; i++) {
            spread.add(ServiceCalls.createSku(service, prefix + i));
        }
        LockTimes.Snapshot beforeSpread = LockTimes.scrape(service);
        LatencyStats spreadStats = measured("reserve, " + SPREAD_SKUS + " SKUs, " + strategy, users,
                ReserveStockSimulation.class, Map.of(ReserveStockSimulation.SKUS, String.join(",", spread)));
        report.addLocks("reserve, " + SPREAD_SKUS + " SKUs, " + strategy, users,
                LockTimes.between(beforeSpread, LockTimes.scrape(service)));
        report.add(new Report.Row("reserve, " + SPREAD_SKUS + " SKUs, " + strategy, users, spreadStats, Outcomes.counts(),
                checks.check("reservations", RESERVATIONS_OF_SPREAD, prefix + "%", Outcomes.count("201")),
                "JDBC FOR UPDATE + UPDATE (one hot row)", jdbcLimit.get(users)));
    }

    private void coupon(String service, String lock, int users) throws Exception {
        String coupon = ServiceCalls.createCoupon(service, "BENCH");
        LockTimes.Snapshot before = LockTimes.scrape(service);
        LatencyStats stats = measured("issue one hot coupon, " + lock, users, IssueCouponSimulation.class,
                Map.of(IssueCouponSimulation.COUPON, coupon, IssueCouponSimulation.FIRST_USER, "1"));
        report.addLocks("issue one hot coupon, " + lock, users, LockTimes.between(before, LockTimes.scrape(service)));
        report.add(new Report.Row("issue one hot coupon, " + lock, users, stats, Outcomes.counts(),
                checks.check("issued coupons", ISSUED_OF_COUPON, coupon, Outcomes.count("201")),
                "Redisson lock+unlock, one key", redissonLimit.get(users)));
    }

    private void payments(String service, int users) throws Exception {
        String run = "bench-" + UUID.randomUUID();
        LatencyStats fresh = measured("payment, fresh keys", users, ChargePaymentSimulation.class,
                Map.of(ChargePaymentSimulation.RUN, run, ChargePaymentSimulation.REPLAY_KEYS, ""));
        List<String> broken = checks.check("payments", PAYMENTS_OF_RUN, run + "-%", Outcomes.count("201"));
        broken.addAll(checks.check("gateway charges", CHARGES_OF_RUN, run + "-%", Outcomes.count("201")));
        report.add(new Report.Row("payment, fresh keys", users, fresh, Outcomes.counts(), broken, null, null));

        String replayRun = "replay-" + UUID.randomUUID();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < REPLAY_KEYS; i++) {
            String key = replayRun + "-" + i;
            ServiceCalls.pay(service, key);
            keys.add(key);
        }
        LatencyStats replays = measured("payment, replays of " + REPLAY_KEYS + " completed keys", users,
                ChargePaymentSimulation.class, Map.of(ChargePaymentSimulation.RUN, replayRun,
                        ChargePaymentSimulation.REPLAY_KEYS, String.join(",", keys)));
        List<String> replayBroken = checks.check("payments (replays add none)", PAYMENTS_OF_RUN, replayRun + "-%", REPLAY_KEYS);
        replayBroken.addAll(checks.check("gateway charges (replays add none)", CHARGES_OF_RUN, replayRun + "-%", REPLAY_KEYS));
        Map<String, Long> replayOutcomes = Outcomes.counts();
        LatencyStats floor = measured("HTTP floor: GET /actuator/info", users, HttpFloorSimulation.class, Map.of());
        report.add(new Report.Row("payment, replays of " + REPLAY_KEYS + " completed keys", users, replays,
                replayOutcomes, replayBroken, "HTTP floor: GET /actuator/info", floor));
    }

    /**
     * Checkouts (place an order of one unit, then pay it) over {@value #SPREAD_SKUS} priced SKUs with plenty of
     * stock, so that the row measures the whole path (order, reservation, payment, gateway, the OrderPaid
     * follow-up) rather than one stock row's lock, which the hot-SKU reserve rows already measure; then the HTTP
     * floor at the same level as its baseline. The checks wait until every paid order's reservation is confirmed
     * (asynchronous, after the answer), bounded by {@link #CONFIRMATION_WAIT}.
     */
    private void checkout(String service, int users) throws Exception {
        String scenario = "checkout (place + pay), " + SPREAD_SKUS + " SKUs";
        String prefix = "checkout-" + UUID.randomUUID() + "-";
        String skus = String.join(",", ServiceCalls.pricedSkus(service, prefix, SPREAD_SKUS));
        LockTimes.Snapshot before = LockTimes.scrape(service);
        LatencyStats stats = measured(scenario, users, CheckoutSimulation.class,
                Map.of(CheckoutSimulation.SKUS, skus, CheckoutSimulation.RUN, prefix + users));
        report.addLocks(scenario, users, LockTimes.between(before, LockTimes.scrape(service)));
        Map<String, Long> outcomes = Outcomes.counts();
        LatencyStats place = Outcomes.stats("place");
        LatencyStats pay = Outcomes.stats("pay");
        long placed = Outcomes.count("place 201");
        long paid = Outcomes.count("pay 201");
        String pattern = prefix + "%";
        boolean confirmed = checks.awaitZero(UNCONFIRMED_PAID_OF_SKUS, pattern, CONFIRMATION_WAIT);
        List<String> broken = new ArrayList<>(checks.check(pattern, List.of(
                new ScenarioChecks.Expected("orders (clients saw placed)", ORDERS_OF_SKUS, placed),
                new ScenarioChecks.Expected("orders not PAID", UNPAID_ORDERS_OF_SKUS, 0),
                new ScenarioChecks.Expected("approved gateway charges of the orders (clients saw paid)",
                        APPROVED_CHARGES_OF_SKUS, paid),
                new ScenarioChecks.Expected("units taken from on-hand stock (clients saw paid)", UNITS_TAKEN_OF_SKUS, paid),
                new ScenarioChecks.Expected("units still reserved", UNITS_RESERVED_OF_SKUS, 0))));
        if (!confirmed) {
            broken.add("paid orders' reservations not all confirmed within " + CONFIRMATION_WAIT.toSeconds() + " s");
        }
        LatencyStats floor = measured("HTTP floor: GET /actuator/info", users, HttpFloorSimulation.class, Map.of());
        report.add(new Report.Row(scenario, users, stats, outcomes, broken, "HTTP floor: GET /actuator/info", floor));
        report.note(String.format(Locale.ROOT, "%s at %d users: %d orders paid, %.0f checkouts/s; place p50 %.0f, "
                + "p95 %.0f, p99 %.0f ms; pay p50 %.0f, p95 %.0f, p99 %.0f ms (the row counts both requests).",
                scenario, users, paid, stats.requests() == 0 ? 0 : paid * stats.throughput() / stats.requests(),
                place.p50(), place.p95(), place.p99(), pay.p50(), pay.p95(), pay.p99()));
    }

    /** A short unreported checkout run, so that the order path is compiled before its first row. */
    private void warmUpCheckout(String service) throws Exception {
        String prefix = "warmup-checkout-" + UUID.randomUUID() + "-";
        System.setProperty(Simulations.SECONDS, Integer.toString(WARM_UP_SECONDS));
        gatling(CheckoutSimulation.class, Map.of(CheckoutSimulation.SKUS,
                String.join(",", ServiceCalls.pricedSkus(service, prefix, 10)), CheckoutSimulation.RUN, prefix), WARM_UP_USERS);
        System.setProperty(Simulations.SECONDS, Integer.toString(seconds));
    }

    /** One row's Gatling run, with where the machine's CPU time went meanwhile (see {@link CpuUsage}). */
    private LatencyStats measured(String scenario, int users, Class<?> simulation, Map<String, String> properties)
            throws Exception {
        CpuUsage.Snapshot before = CpuUsage.take(servicePid);
        LatencyStats stats = gatling(simulation, properties, users);
        report.addCpu(scenario, users, stats.throughput(), CpuUsage.between(before, CpuUsage.take(servicePid),
                stats.requests()));
        return stats;
    }

    private LatencyStats gatling(Class<?> simulation, Map<String, String> properties, int users) throws Exception {
        properties.forEach(System::setProperty);
        System.setProperty(Simulations.USERS, Integer.toString(users));
        return GatlingRun.run(simulation, work.resolve("gatling"), simulation.getSimpleName() + " x " + users);
    }

    /**
     * Traffic on every measured path first (reserve, issue, replay), so that the JIT has compiled them before
     * any row is measured: with only the reserve path warmed, the first coupon and payment rows of a service
     * ran partly interpreted. The warm-up's rows are not reported; the invariant checks still see its data.
     */
    private void warmUp(String service) throws Exception {
        System.setProperty(Simulations.SECONDS, Integer.toString(WARM_UP_SECONDS));
        gatling(ReserveStockSimulation.class, Map.of(ReserveStockSimulation.SKUS, ServiceCalls.newSku(service, "warmup")), WARM_UP_USERS);
        String coupon = ServiceCalls.createCoupon(service, "WARMUP");
        gatling(IssueCouponSimulation.class,
                Map.of(IssueCouponSimulation.COUPON, coupon, IssueCouponSimulation.FIRST_USER, "1"), WARM_UP_USERS);
        String run = "warmup-" + UUID.randomUUID();
        String key = run + "-0";
        ServiceCalls.pay(service, key);
        gatling(ChargePaymentSimulation.class, Map.of(ChargePaymentSimulation.RUN, run,
                ChargePaymentSimulation.REPLAY_KEYS, key), WARM_UP_USERS);
        System.setProperty(Simulations.SECONDS, Integer.toString(seconds));
    }

}
