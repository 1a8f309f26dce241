package dev.commerce.bench;

import dev.commerce.infra.local.InfrastructureMode;
import dev.commerce.infra.local.LocalInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Starts the packaged service on its default infrastructure, runs every scenario at every
 * concurrency level with Gatling, measures the physical limits in the same run, checks the
 * invariants in the database after each scenario, and writes docs/benchmarks.md.
 * Traffic goes to 127.0.0.1 only; every loop is bounded by {@code bench.seconds}.
 */
public final class BenchmarkRunner {

    private static final int SPREAD_SKUS = 200;
    private static final List<String> STRATEGIES = List.of("pessimistic", "optimistic", "conditional");
    private static final long PLENTY = 1_000_000_000L;

    private final Path work = Path.of(System.getProperty("bench.work", "target"));
    private final int seconds = Integer.getInteger("bench.seconds", 10);
    private final int[] levels = Arrays.stream(System.getProperty("bench.levels", "8,32,128").split(","))
            .map(String::trim).mapToInt(Integer::parseInt).toArray();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Report report = new Report();

    public static void main(String[] args) throws Exception {
        new BenchmarkRunner().run();
    }

    private void run() throws Exception {
        Map<String, String> environment = infrastructure();
        String jdbcUrl = environment.get("SPRING_DATASOURCE_URL");
        String user = environment.get("SPRING_DATASOURCE_USERNAME");
        String password = environment.get("SPRING_DATASOURCE_PASSWORD");
        Path jar = Path.of(Simulations.property("bench.appJar"));
        Files.createDirectories(work);
        System.setProperty(Simulations.SECONDS, Integer.toString(seconds));

        InventoryInvariants inventory = new InventoryInvariants(jdbcUrl, user, password);
        JdbcHotRowBaseline jdbcBaseline = new JdbcHotRowBaseline(jdbcUrl, user, password);
        try {
            Map<Integer, LatencyStats> jdbcLimit = new HashMap<>();
            for (String strategy : STRATEGIES) {
                Map<String, String> serviceEnvironment = new HashMap<>(environment);
                serviceEnvironment.put("COMMERCE_INVENTORY_STRATEGY", strategy);
                try (ServiceProcess service = ServiceProcess.start(jar, serviceEnvironment,
                        work.resolve("service-" + strategy + ".log"))) {
                    System.setProperty(Simulations.BASE_URL, service.baseUrl());
                    warmUp(service);
                    for (int users : levels) {
                        if (!jdbcLimit.containsKey(users)) {
                            jdbcLimit.put(users, jdbcBaseline.run(newSku(service, "jdbc"), users, Duration.ofSeconds(seconds)));
                        }
                        String hot = newSku(service, "hot");
                        LatencyStats hotStats = reserve(List.of(hot), users);
                        report.add(new Report.Row("reserve, one hot SKU, " + strategy, users, hotStats, Outcomes.counts(),
                                inventory.check(List.of(hot), Outcomes.count("201")),
                                "JDBC FOR UPDATE + UPDATE", jdbcLimit.get(users)));

                        List<String> spread = new ArrayList<>();
                        for (int i = 0; i < SPREAD_SKUS; i++) {
                            spread.add(newSku(service, "spread"));
                        }
                        LatencyStats spreadStats = reserve(spread, users);
                        report.add(new Report.Row("reserve, " + SPREAD_SKUS + " SKUs, " + strategy, users, spreadStats,
                                Outcomes.counts(), inventory.check(spread, Outcomes.count("201")), null, null));
                    }
                }
            }
            try (RedissonLockBaseline redissonBaseline = new RedissonLockBaseline(environment.get("SPRING_DATA_REDIS_URL"))) {
                for (int users : levels) {
                    report.add(new Report.Row("Redisson lock+unlock, one key (baseline only)", users,
                            redissonBaseline.run("bench:lock:" + users, users, Duration.ofSeconds(seconds)),
                            Map.of(), List.of(), null, null));
                }
            }
        } finally {
            LocalInfrastructure.stopAll();
        }
        report.note("Coupon and payment scenarios and the coupon strategy alternatives are not measured yet "
                + "(issues 4, 5 and 6 in progress); this report covers what exists.");
        report.write(Path.of(Simulations.property("bench.report")), environment(), seconds);
        if (!report.allInvariantsHold()) {
            throw new IllegalStateException("an invariant was broken; see the report");
        }
    }

    private LatencyStats reserve(List<String> skus, int users) throws Exception {
        System.setProperty(ReserveStockSimulation.SKUS, String.join(",", skus));
        System.setProperty(Simulations.USERS, Integer.toString(users));
        return GatlingRun.run(ReserveStockSimulation.class, work.resolve("gatling"), "reserve " + skus.size() + " SKUs x " + users);
    }

    /** A few seconds of traffic first, so that the JIT has compiled the hot paths before any row is measured. */
    private void warmUp(ServiceProcess service) throws Exception {
        String sku = newSku(service, "warmup");
        System.setProperty(Simulations.SECONDS, "5");
        reserve(List.of(sku), 8);
        System.setProperty(Simulations.SECONDS, Integer.toString(seconds));
    }

    private String newSku(ServiceProcess service, String prefix) throws Exception {
        String sku = prefix + "-" + UUID.randomUUID();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(service.baseUrl() + "/api/v1/products/" + sku + "/stock"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"onHand\": " + PLENTY + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("could not create " + sku + ": " + response.statusCode() + " " + response.body());
        }
        return sku;
    }

    /** Configured services (environment) or servers started here, as the service's environment. */
    private static Map<String, String> infrastructure() {
        Map<String, String> environment = new HashMap<>();
        String url = System.getenv("SPRING_DATASOURCE_URL");
        if (url != null) {
            environment.put("SPRING_DATASOURCE_URL", url);
            environment.put("SPRING_DATASOURCE_USERNAME", System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", ""));
            environment.put("SPRING_DATASOURCE_PASSWORD", System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
        } else {
            Map<String, Object> postgres = LocalInfrastructure.postgres(InfrastructureMode.AUTO).properties();
            environment.put("SPRING_DATASOURCE_URL", postgres.get("spring.datasource.url").toString());
            environment.put("SPRING_DATASOURCE_USERNAME", postgres.get("spring.datasource.username").toString());
            environment.put("SPRING_DATASOURCE_PASSWORD", postgres.get("spring.datasource.password").toString());
        }
        String redis = System.getenv("SPRING_DATA_REDIS_URL");
        environment.put("SPRING_DATA_REDIS_URL", redis != null ? redis
                : LocalInfrastructure.redis(InfrastructureMode.AUTO).properties().get("spring.data.redis.url").toString());
        return environment;
    }

    private static String environment() {
        Runtime runtime = Runtime.getRuntime();
        return "Machine: " + runtime.availableProcessors() + " cores, Java " + Runtime.version()
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + ". The service (one process, default settings: Hikari pool 20, Tomcat 200 threads), PostgreSQL, Redis "
                + "and the load generator share this machine, so every figure includes their competition for the same cores.";
    }
}
