package dev.commerce.bench;

import dev.commerce.infra.check.InvariantChecker;
import dev.commerce.infra.local.LocalCluster;
import dev.commerce.infra.local.LocalInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak run ({@code -Dbench.mode=soak}): several instances of the packaged service on one
 * database and Redis, mixed traffic ({@link MixedTrafficSimulation}) for {@code bench.soak.seconds},
 * throughput and errors over time, then, once every abandoned reservation and order has had time to
 * expire, the invariant checker and a count of reservations and orders left pending past their expiry. Writes
 * docs/soak.md. Traffic goes to 127.0.0.1 only and stops after the given time.
 */
final class SoakRunner {

    private static final int INSTANCES = 2;
    private static final int SKUS = 20;
    private static final long STOCK_PER_SKU = 5_000;
    private static final int COUPONS = 10;
    private static final int COUPON_QUANTITY = 3_000;
    private static final long PRICE = 1_000;
    /**
     * Also the orders' lifetime. An order is payable only while its expiry is further away than the order
     * module's payment lease (45 s by default), so the lifetime leaves 15 s to pay after placing.
     */
    private static final Duration RESERVATION_LIFETIME = Duration.ofSeconds(60);
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(2);
    private static final int INTERVAL_SECONDS = 10;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final Path work = Path.of(System.getProperty("bench.work", "target"));
    /** The length of the documented soak run; a shorter one never replaces docs/soak.md. */
    private static final int FULL_SECONDS = 180;

    private final int seconds = Integer.getInteger("bench.soak.seconds", FULL_SECONDS);
    private final int users = Integer.getInteger("bench.soak.users", 48);
    private final HttpClient http = HttpClient.newHttpClient();

    void run() throws Exception {
        Map<String, String> environment = LocalCluster.sharedEnvironment();
        StringBuilder report = new StringBuilder();
        boolean ok;
        try (LocalCluster cluster = LocalCluster.start(INSTANCES, Path.of(Simulations.property("bench.appJar")),
                LocalCluster.freeConsecutivePorts(INSTANCES), work.resolve("soak"), List.of("-Xmx768m"),
                Map.of("COMMERCE_INVENTORY_RESERVATION_LIFETIME", RESERVATION_LIFETIME.toSeconds() + "s",
                        "COMMERCE_INVENTORY_EXPIRY_SWEEP_INTERVAL", SWEEP_INTERVAL.toSeconds() + "s",
                        "COMMERCE_ORDER_EXPIRYSWEEPINTERVAL", SWEEP_INTERVAL.toSeconds() + "s"))) {
            String first = cluster.urls().get(0);
            String run = "soak-" + UUID.randomUUID().toString().substring(0, 8);
            List<String> skus = new ArrayList<>();
            for (int i = 0; i < SKUS; i++) {
                String sku = run + "-sku-" + i;
                expect(200, send(first, "PUT", "/api/v1/products/" + sku + "/stock", "{\"onHand\": " + STOCK_PER_SKU + "}"));
                expect(200, send(first, "PUT", "/api/v1/products/" + sku + "/price",
                        "{\"price\": " + PRICE + ", \"currency\": \"KRW\"}"));
                skus.add(sku);
            }
            List<String> coupons = new ArrayList<>();
            for (int i = 0; i < COUPONS; i++) {
                coupons.add(id(expect(201, send(first, "POST", "/api/v1/coupons",
                        "{\"name\": \"" + run + "-" + i + "\", \"totalQuantity\": " + COUPON_QUANTITY + "}"))));
            }
            System.setProperty(Simulations.BASE_URL, first);
            System.setProperty(MixedTrafficSimulation.BASE_URLS, String.join(",", cluster.urls()));
            System.setProperty(MixedTrafficSimulation.SKUS, String.join(",", skus));
            System.setProperty(MixedTrafficSimulation.COUPONS, String.join(",", coupons));
            System.setProperty(MixedTrafficSimulation.RUN, run);
            System.setProperty(Simulations.USERS, Integer.toString(users));
            System.setProperty(Simulations.SECONDS, Integer.toString(seconds));
            Instant started = Instant.now();
            LatencyStats total = GatlingRun.run(MixedTrafficSimulation.class, work.resolve("gatling"),
                    "soak x " + users + " users, " + seconds + " s");
            List<Outcomes.Interval> timeline = Outcomes.timeline(INTERVAL_SECONDS);
            Map<String, Long> outcomes = Outcomes.counts();

            // every reservation and order left pending has expired and been swept once its lifetime and two sweeps
            // have passed (and the follow-ups of paid, cancelled and expired orders have run)
            Thread.sleep(RESERVATION_LIFETIME.plus(SWEEP_INTERVAL.multipliedBy(3)).toMillis());
            List<String> broken;
            long stuck;
            long pending;
            long stuckOrders;
            Map<String, Long> orders = new java.util.TreeMap<>();
            try (Connection connection = DriverManager.getConnection(environment.get("SPRING_DATASOURCE_URL"),
                    environment.get("SPRING_DATASOURCE_USERNAME"), environment.get("SPRING_DATASOURCE_PASSWORD"))) {
                broken = InvariantChecker.violations(connection);
                stuck = count(connection, "SELECT count(*) FROM inventory.reservation WHERE status = 'PENDING'"
                        + " AND expires_at < now() - interval '" + SWEEP_INTERVAL.multipliedBy(2).toSeconds() + " seconds'");
                pending = count(connection, "SELECT count(*) FROM inventory.reservation WHERE status = 'PENDING'");
                String ofRun = " EXISTS (SELECT 1 FROM orders.order_line l WHERE l.order_id = o.id AND l.sku LIKE '"
                        + run + "-sku-%')";
                stuckOrders = count(connection, "SELECT count(*) FROM orders.\"order\" o WHERE o.status = 'AWAITING_PAYMENT'"
                        + " AND o.expires_at < now() - interval '" + SWEEP_INTERVAL.multipliedBy(2).toSeconds()
                        + " seconds' AND" + ofRun);
                try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                        "SELECT o.status, count(*) FROM orders.\"order\" o WHERE" + ofRun + " GROUP BY o.status")) {
                    while (rs.next()) {
                        orders.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            ok = broken.isEmpty() && stuck == 0 && stuckOrders == 0;
            write(report, started, total, timeline, outcomes, broken, stuck, pending, stuckOrders, orders);
        } finally {
            LocalInfrastructure.stopAll();
        }
        // a short trial run (less than the documented length) writes beside the partial benchmark reports
        Path file = seconds < FULL_SECONDS ? work.resolve("soak-partial.md")
                : Path.of(Simulations.property("bench.report")).resolveSibling("soak.md");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, report.toString());
        System.out.println(report);
        System.out.println("Soak report written to " + file.toAbsolutePath());
        if (!ok) {
            throw new IllegalStateException("the soak run broke an invariant or left reservations or orders stuck; "
                    + "see the report");
        }
    }

    private void write(StringBuilder out, Instant started, LatencyStats total, List<Outcomes.Interval> timeline,
            Map<String, Long> outcomes, List<String> broken, long stuck, long pending, long stuckOrders,
            Map<String, Long> orders) {
        out.append("# Soak run\n\n")
                .append("Produced by `./mvnw -Pbench -DskipTests verify -Dbench.mode=soak` (see `infra/bench`, ")
                .append("`SoakRunner`), started ").append(started).append(".\n\n")
                .append(INSTANCES).append(" instances of the packaged service (separate JVMs) on one embedded PostgreSQL ")
                .append("and Redis, all on this 2-core machine with the load generator. ").append(users)
                .append(" virtual users for ").append(seconds).append(" s, closed workload spread over the instances: ")
                .append("a quarter reserve one or two of ").append(SKUS).append(" SKUs (")
                .append(STOCK_PER_SKU).append(" each) then confirm (50 %), cancel (25 %) or abandon (25 %, left to expire ")
                .append("after ").append(RESERVATION_LIFETIME.toSeconds()).append(" s); a quarter ask for one of ")
                .append(COUPONS).append(" coupons (").append(COUPON_QUANTITY).append(" each) as users drawn from 1..50000; ")
                .append("a quarter pay with fresh idempotency keys and retry one in five with the same key; a quarter ")
                .append("check out: place an order of one or two units of one of the SKUs (priced ").append(PRICE)
                .append(" KRW), then pay it (60 %, one payment in five replayed with its key), cancel it (20 %) or ")
                .append("abandon it (20 %, left to expire with its reservation).\n\n")
                .append("## Throughput over time\n\n")
                .append("| from s | answers/s | 2xx | 4xx | 5xx | p50 ms | p99 ms |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Outcomes.Interval interval : timeline) {
            out.append(String.format(Locale.ROOT, "| %d | %.0f | %d | %d | %d | %.0f | %.0f |%n", interval.fromSecond(),
                    interval.perSecond(), interval.ok(), interval.clientErrors(), interval.serverErrors(), interval.p50(),
                    interval.p99()));
        }
        out.append(String.format(Locale.ROOT, "%nWhole run: %d answers, %.0f/s, p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, "
                + "max %.0f ms.%n%n", total.requests(), total.throughput(), total.p50(), total.p95(), total.p99(), total.max()));
        out.append("## Answers by outcome\n\n| outcome | count |\n|---|---:|\n");
        outcomes.forEach((outcome, count) -> out.append("| ").append(outcome).append(" | ").append(count).append(" |\n"));
        out.append("\n## Checks after the run\n\n")
                .append("- Invariant checker (").append(InvariantChecker.count()).append(" invariants over the whole database): ")
                .append(broken.isEmpty() ? "all hold" : "BROKEN: " + String.join("; ", broken)).append(".\n")
                .append("- Reservations still pending more than two sweeps after their expiry: ").append(stuck)
                .append(" (pending at all: ").append(pending).append(").\n")
                .append("- Orders still awaiting payment more than two sweeps after their expiry: ").append(stuckOrders)
                .append(". Orders of the run by status: ").append(orders.isEmpty() ? "none" : orders.entrySet().stream()
                        .map(entry -> entry.getKey() + " " + entry.getValue())
                        .collect(java.util.stream.Collectors.joining(", "))).append(".\n");
    }

    private HttpResponse<String> send(String base, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Authorization", BenchTokens.AUTHORIZATION)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private static String id(HttpResponse<String> response) {
        Matcher id = ID.matcher(response.body());
        if (!id.find()) {
            throw new IllegalStateException("no id in " + response.body());
        }
        return id.group(1);
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
