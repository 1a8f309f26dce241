package dev.commerce.bench;

import dev.commerce.infra.local.LocalCluster;
import dev.commerce.infra.local.LocalInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The headline rows, measured with wrk (see {@link WrkRun}) so that the load generator leaves the cores to
 * the service: the HTTP floor of each service, reservations of one hot SKU, one hot coupon per strategy,
 * payments with fresh keys and replays, and the checkout; each as correct successes per second and as a
 * ratio to the floor measured on the same service at the same number of connections. After each row the
 * invariants are checked in the database. Then the report region of docs/benchmarks.md, the charts, and
 * the baseline: {@code bench.compare} fails naming every row whose ratio fell more than 20 % below
 * {@code infra/bench/baseline.tsv}; {@code bench.baseline.write} records this run's ratios there.
 * {@code bench.repeat=N} measures the hot-SKU row N times in a row and flags it when the slowest run is
 * below 80 % of the median.
 */
final class WrkRunner {

    static final String FLOOR = "floor";
    static final String RESERVE = "reserve-hot-sku";
    static final String COUPON = "coupon-";
    static final String PAYMENT_FRESH = "payment-fresh";
    static final String PAYMENT_REPLAY = "payment-replay";
    static final String CHECKOUT = "checkout";
    /** The groups of {@code bench.only} in this mode; a service is started only for the groups selected. */
    static final List<String> GROUPS = List.of(RESERVE, COUPON + "lock", COUPON + "atomic", COUPON + "conditional",
            PAYMENT_FRESH, PAYMENT_REPLAY, CHECKOUT);

    private static final int REPLAY_KEYS = 100;
    private static final int CHECKOUT_SKUS = 200;
    private static final long FIRST_BUYER = 1_000_000;
    private static final Duration CONFIRMATION_WAIT = Duration.ofSeconds(60);
    /** How long the service gets to finish the requests in flight when wrk stopped, before the checks. */
    private static final Duration SETTLING = Duration.ofSeconds(1);

    private static final String PAID_ORDERS_OF_SKUS =
            "SELECT count(*) FROM orders.\"order\" o WHERE o.status = 'PAID' AND" + BenchmarkRunner.OF_CHECKOUT_SKUS;
    private static final String AWAITING_ORDERS_OF_SKUS = "SELECT count(*) FROM orders.\"order\" o"
            + " WHERE o.status = 'AWAITING_PAYMENT' AND" + BenchmarkRunner.OF_CHECKOUT_SKUS;

    private final WrkSettings settings = WrkSettings.fromProperties();
    private final List<WrkReport.Row> rows = new ArrayList<>();
    private final List<WrkReport.Row> stabilityRuns = new ArrayList<>();
    private WrkRun wrk;
    private ScenarioChecks checks;
    private Path adminTokens;
    private Path buyerTokens;
    private String service;
    private long servicePid;
    private double floor;
    /** The warm-up pass of {@link #withService}: rows run their warm-up only and are not reported. */
    private boolean warmingUp;

    static boolean selected() {
        return "wrk".equals(System.getProperty("bench.mode")) || Boolean.getBoolean("bench.compare")
                || Boolean.getBoolean("bench.baseline.write");
    }

    void run() throws Exception {
        Files.createDirectories(settings.work());
        wrk = WrkRun.prepare(settings.work(), settings.threads());
        Map<String, String> environment = LocalCluster.sharedEnvironment();
        checks = new ScenarioChecks(environment.get("SPRING_DATASOURCE_URL"), environment.get("SPRING_DATASOURCE_USERNAME"),
                environment.get("SPRING_DATASOURCE_PASSWORD"));
        adminTokens = Files.write(settings.work().resolve("wrk-admin-token.txt"), List.of(BenchTokens.AUTHORIZATION));
        buyerTokens = Files.write(settings.work().resolve("wrk-buyer-tokens.txt"),
                BenchTokens.buyers(FIRST_BUYER, settings.buyers()));
        try {
            if (selected(RESERVE, COUPON + "lock", PAYMENT_FRESH, PAYMENT_REPLAY, CHECKOUT)) {
                withService("default", Map.of(), connections -> {
                    if (selected(RESERVE)) {
                        reserve(connections);
                    }
                    if (selected(COUPON + "lock")) {
                        coupon("lock", connections);
                    }
                    if (selected(PAYMENT_FRESH)) {
                        freshPayments(connections);
                    }
                    if (selected(PAYMENT_REPLAY)) {
                        replays(connections);
                    }
                    if (selected(CHECKOUT)) {
                        checkout(connections);
                    }
                });
            }
            for (String strategy : List.of("atomic", "conditional")) {
                if (selected(COUPON + strategy)) {
                    withService("coupon-" + strategy, Map.of("COMMERCE_COUPON_STRATEGY", strategy),
                            connections -> coupon(strategy, connections));
                }
            }
        } finally {
            LocalInfrastructure.stopAll();
        }
        new WrkOutcome(settings, rows, stabilityRuns).finish();
    }

    private boolean selected(String... groups) {
        return settings.only().isEmpty() || Arrays.stream(groups).anyMatch(settings.only()::contains);
    }

    private interface LevelWork {
        void run(int connections) throws Exception;
    }

    /**
     * One service; at each number of connections a warm-up of the floor and of every row of {@code work} (a pass
     * in which {@link #measure} runs only the warm-up and reports nothing: the JIT of a fresh service on a busy
     * machine takes minutes, and the first row measured would otherwise pay for it), then the service's floor
     * row, then {@code work}'s rows, each of which measures the floor again right before its own measured run.
     */
    private void withService(String name, Map<String, String> serviceSettings, LevelWork work) throws Exception {
        try (LocalCluster cluster = Services.start(settings.work(), "wrk-" + name, serviceSettings)) {
            service = cluster.urls().get(0);
            servicePid = cluster.pids().get(0);
            for (int connections : settings.connections()) {
                Map<String, String> none = Map.of();
                if (settings.warmUpSeconds() > 0) {
                    wrk.run("floor.lua", service, connections, settings.warmUpSeconds(), scriptSettings(none),
                            "floor " + name + " warm-up " + connections);
                }
                warmingUp = true;
                try {
                    work.run(connections);
                } finally {
                    warmingUp = false;
                }
                Measured measured = measureOnly("floor " + name, connections, "floor.lua", none);
                floor = measured.result().okPerSecond();
                add(new WrkReport.Row(FLOOR + "-" + name, "HTTP floor: GET /actuator/info (" + name + " service)",
                        connections, measured.result(), floor, measured.cpu(), List.of()));
                work.run(connections);
            }
        }
    }

    private record Measured(WrkRun.Result result, CpuUsage.PerRequest cpu) {
    }

    /**
     * A warm-up run with {@code warmUp}'s settings (not reported), the HTTP floor (into {@link #floor}: the row's
     * ratio is to the floor measured right before it, so that a machine whose speed drifts during the run moves
     * both), then the measured run with {@code measured}'s settings.
     */
    private Measured measure(String label, int connections, String script, Map<String, String> warmUp,
                             Map<String, String> measured) throws Exception {
        if (settings.warmUpSeconds() > 0) {
            wrk.run(script, service, connections, settings.warmUpSeconds(), scriptSettings(warmUp),
                    label + " warm-up " + connections);
        }
        if (warmingUp) {
            // nothing measured: the row's checks then see none of its own requests, as expected
            return new Measured(new WrkRun.Result(1, 0, 0, 0, Map.of(), "", 0, 0, 0, 0), null);
        }
        measureFloor(label, connections);
        return measureOnly(label, connections, script, measured);
    }

    private void measureFloor(String label, int connections) throws Exception {
        floor = wrk.run("floor.lua", service, connections, settings.seconds(), scriptSettings(Map.of()),
                "floor before " + label + " " + connections).okPerSecond();
    }

    private Measured measureOnly(String label, int connections, String script, Map<String, String> measured)
            throws Exception {
        CpuUsage.Snapshot before = CpuUsage.take(servicePid);
        WrkRun.Result result = wrk.run(script, service, connections, settings.seconds(),
                scriptSettings(measured), label + " " + connections);
        CpuUsage.PerRequest cpu = CpuUsage.between(before, CpuUsage.take(servicePid), result.answered());
        System.out.printf("%s at %d connections: %.0f successes/s, p99 %.1f ms, %s%n", label, connections,
                result.okPerSecond(), result.p99(), result.outcomes());
        return new Measured(result, cpu);
    }

    private Map<String, String> scriptSettings(Map<String, String> specific) {
        Map<String, String> all = new HashMap<>(specific);
        all.putIfAbsent("BENCH_TOKENS", adminTokens.toString());
        all.putIfAbsent("BENCH_RUN", "wrk-" + UUID.randomUUID());
        return all;
    }

    private void add(WrkReport.Row row) {
        if (warmingUp) {
            if (!row.broken().isEmpty()) {
                throw new IllegalStateException("invariants broken after the warm-up of " + row.key() + ": " + row.broken());
            }
            return;
        }
        rows.add(row);
        System.out.println(WrkReport.line(row));
    }

    /**
     * Reservations of one hot SKU by many buyers; with {@code bench.repeat=N}, N measured runs in a row on the
     * same SKU: each is reported, and the row's figures are the median run's.
     */
    private void reserve(int connections) throws Exception {
        String hot = ServiceCalls.newSku(service, "wrk-hot");
        Map<String, String> buyers = Map.of("BENCH_TOKENS", buyerTokens.toString());
        Map<String, String> warmUp = with(buyers, "BENCH_SKU", ServiceCalls.newSku(service, "wrk-warmup"));
        Map<String, String> measured = with(buyers, "BENCH_SKU", hot);
        long ok = 0;
        long inFlight = 0;
        List<WrkReport.Row> runs = new ArrayList<>();
        for (int run = 1; run <= (warmingUp ? 1 : settings.repeat()); run++) {
            Measured m;
            if (run == 1) {
                m = measure("reserve, one hot SKU", connections, "reserve.lua", warmUp, measured);
            } else {
                measureFloor("reserve, one hot SKU (run " + run + ")", connections);
                m = measureOnly("reserve, one hot SKU (run " + run + ")", connections, "reserve.lua", measured);
            }
            ok += m.result().ok();
            inFlight += m.result().inFlight();
            Thread.sleep(SETTLING.toMillis());
            List<String> broken = checks.checkBounded(hot, List.of(new ScenarioChecks.Bounded(
                    "reservations of the SKU (clients saw 201, up to the requests in flight at the stop)",
                    BenchmarkRunner.RESERVATIONS_OF_SKU, ok, ok + inFlight)));
            runs.add(new WrkReport.Row(RESERVE, "reserve, one hot SKU, pessimistic (default)", connections, m.result(),
                    floor, m.cpu(), broken));
        }
        if (runs.size() > 1) {
            stabilityRuns.addAll(runs);
        }
        add(WrkReport.medianRun(runs));
    }

    private void coupon(String strategy, int connections) throws Exception {
        String coupon = ServiceCalls.createCoupon(service, "WRK");
        Measured m = measure("issue one hot coupon, " + strategy, connections, "coupon.lua",
                Map.of("BENCH_COUPON", ServiceCalls.createCoupon(service, "WRK-WARMUP"), "BENCH_FIRST_USER", "1"),
                Map.of("BENCH_COUPON", coupon, "BENCH_FIRST_USER", "1"));
        Thread.sleep(SETTLING.toMillis());
        long ok = m.result().ok();
        List<String> broken = checks.checkBounded(coupon, List.of(new ScenarioChecks.Bounded(
                "issued copies (clients saw 201, up to the requests in flight at the stop)",
                BenchmarkRunner.ISSUED_OF_COUPON, ok, ok + m.result().inFlight())));
        add(new WrkReport.Row(COUPON + strategy, "issue one hot coupon, " + strategy, connections, m.result(), floor,
                m.cpu(), broken));
    }

    private void freshPayments(int connections) throws Exception {
        String run = "wrk-fresh-" + UUID.randomUUID();
        Measured m = measure("payment, fresh keys", connections, "payment.lua",
                Map.of("BENCH_RUN", "wrk-warmup-" + UUID.randomUUID()), Map.of("BENCH_RUN", run));
        Thread.sleep(SETTLING.toMillis());
        long ok = m.result().ok();
        long most = ok + m.result().inFlight();
        List<String> broken = checks.checkBounded(run + "-%", List.of(
                new ScenarioChecks.Bounded("payments of the run (clients saw 201, up to the requests in flight)",
                        BenchmarkRunner.PAYMENTS_OF_RUN, ok, most),
                new ScenarioChecks.Bounded("gateway charges of the run", BenchmarkRunner.CHARGES_OF_RUN, ok, most)));
        add(new WrkReport.Row(PAYMENT_FRESH, "payment, fresh keys (gateway simulator included)", connections, m.result(),
                floor, m.cpu(), broken));
    }

    private void replays(int connections) throws Exception {
        String run = "wrk-replay-" + UUID.randomUUID();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < REPLAY_KEYS; i++) {
            ServiceCalls.pay(service, run + "-" + i);
            keys.add(run + "-" + i);
        }
        Path keyFile = Files.write(settings.work().resolve("wrk-replay-keys.txt"), keys);
        Map<String, String> replay = Map.of("BENCH_REPLAY_KEYS", keyFile.toString());
        Measured m = measure("payment, replays", connections, "payment.lua", replay, replay);
        Thread.sleep(SETTLING.toMillis());
        List<String> broken = checks.checkBounded(run + "-%", List.of(
                new ScenarioChecks.Bounded("payments (replays add none)", BenchmarkRunner.PAYMENTS_OF_RUN, REPLAY_KEYS,
                        REPLAY_KEYS),
                new ScenarioChecks.Bounded("gateway charges (replays add none)", BenchmarkRunner.CHARGES_OF_RUN,
                        REPLAY_KEYS, REPLAY_KEYS)));
        add(new WrkReport.Row(PAYMENT_REPLAY, "payment, replays of " + REPLAY_KEYS + " completed keys", connections,
                m.result(), floor, m.cpu(), broken));
    }

    /**
     * Checkouts over {@value #CHECKOUT_SKUS} priced SKUs (the whole path, not one stock row's lock). Orders placed
     * but not yet paid when wrk stopped stay AWAITING_PAYMENT (they expire later), so the checks bound the counts
     * by what the clients saw plus the requests in flight, and require the database to agree with itself.
     */
    private void checkout(int connections) throws Exception {
        String prefix = "wrk-checkout-" + UUID.randomUUID() + "-";
        Path skus = Files.write(settings.work().resolve("wrk-checkout-skus.txt"),
                ServiceCalls.pricedSkus(service, prefix, CHECKOUT_SKUS));
        String warmUpPrefix = "wrk-warmup-" + prefix;
        Path warmUpSkus = Files.write(settings.work().resolve("wrk-checkout-warmup-skus.txt"),
                ServiceCalls.pricedSkus(service, warmUpPrefix, 10));
        Map<String, String> buyers = Map.of("BENCH_TOKENS", buyerTokens.toString(),
                "BENCH_FIRST_USER", Long.toString(FIRST_BUYER));
        Measured m = measure("checkout", connections, "checkout.lua", with(buyers, "BENCH_SKUS", warmUpSkus.toString()),
                with(buyers, "BENCH_SKUS", skus.toString()));
        String pattern = prefix + "%";
        // a paid order's reservation is confirmed after the answer (ADR 11): the warm-up's too, before the invariants
        boolean confirmed = checks.awaitZero(BenchmarkRunner.UNCONFIRMED_PAID_OF_SKUS, pattern, CONFIRMATION_WAIT)
                & checks.awaitZero(BenchmarkRunner.UNCONFIRMED_PAID_OF_SKUS, warmUpPrefix + "%", CONFIRMATION_WAIT);
        WrkRun.Result r = m.result();
        long placed = r.count("place 201");
        long paid = r.count("pay 201");
        long paidInDatabase = checks.count(PAID_ORDERS_OF_SKUS, pattern);
        long awaiting = checks.count(AWAITING_ORDERS_OF_SKUS, pattern);
        List<String> broken = new ArrayList<>(checks.checkBounded(pattern, List.of(
                new ScenarioChecks.Bounded("orders (clients saw placed, up to the requests in flight)",
                        BenchmarkRunner.ORDERS_OF_SKUS, placed, placed + r.inFlight()),
                new ScenarioChecks.Bounded("paid orders (clients saw paid, up to the requests in flight)",
                        PAID_ORDERS_OF_SKUS, paid, paid + r.inFlight()),
                new ScenarioChecks.Bounded("approved gateway charges of the orders (= paid orders)",
                        BenchmarkRunner.APPROVED_CHARGES_OF_SKUS, paidInDatabase, paidInDatabase),
                new ScenarioChecks.Bounded("units taken from on-hand stock (= paid orders)",
                        BenchmarkRunner.UNITS_TAKEN_OF_SKUS, paidInDatabase, paidInDatabase),
                new ScenarioChecks.Bounded("units still reserved (= orders awaiting payment)",
                        BenchmarkRunner.UNITS_RESERVED_OF_SKUS, awaiting, awaiting))));
        if (!confirmed) {
            broken.add("paid orders' reservations not all confirmed within " + CONFIRMATION_WAIT.toSeconds() + " s");
        }
        add(new WrkReport.Row(CHECKOUT, "checkout (place + pay), " + CHECKOUT_SKUS + " SKUs; successes = paid orders",
                connections, r, floor, m.cpu(), broken));
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> all = new HashMap<>(base);
        all.put(key, value);
        return all;
    }
}
