package dev.commerce.fullstack.coupon;

import static dev.commerce.fullstack.coupon.CouponFixtures.countByCode;
import static dev.commerce.fullstack.coupon.CouponFixtures.issue;
import static dev.commerce.fullstack.coupon.CouponFixtures.newCoupon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient;
import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.Concurrently;
import dev.commerce.infra.local.InfrastructureMode;
import dev.commerce.infra.local.LocalInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three separate processes of the packaged application ({@code java -jar}) against one PostgreSQL
 * and one Redis: 1000 concurrent requests from distinct users, spread round-robin across them, for
 * a coupon of 100 give exactly 100 issued copies, counted in the database.
 */
class CouponMultiInstanceIT {

    private static final int INSTANCES = 3;
    private static final long STARTUP_SECONDS = 240;
    private static final List<Instance> instances = new ArrayList<>();
    private static Map<String, Object> postgres;

    @BeforeAll
    static void startInstances() throws Exception {
        postgres = LocalInfrastructure.postgres(InfrastructureMode.AUTO).properties();
        Map<String, Object> redis = LocalInfrastructure.redis(InfrastructureMode.AUTO).properties();
        Path jar = applicationJar();
        Path logs = Files.createDirectories(Path.of("target", "coupon-instances"));
        String java = ProcessHandle.current().info().command().orElse("java");
        for (int i = 0; i < INSTANCES; i++) {
            int port = freePort();
            Path log = logs.resolve("instance-" + i + ".log");
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("SPRING_DATASOURCE_URL", (String) postgres.get("spring.datasource.url"));
            env.put("SPRING_DATASOURCE_USERNAME", (String) postgres.get("spring.datasource.username"));
            env.put("SPRING_DATASOURCE_PASSWORD", (String) postgres.get("spring.datasource.password"));
            env.put("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", "10");
            env.put("SPRING_DATA_REDIS_URL", (String) redis.get("spring.data.redis.url"));
            env.put("SERVER_PORT", Integer.toString(port));
            env.put("COMMERCE_INFRA_MODE", "none");
            instances.add(new Instance(builder.start(), port, log));
        }
        for (Instance instance : instances) {
            instance.awaitHealthy();
        }
    }

    @AfterAll
    static void stopInstances() throws InterruptedException {
        for (Instance instance : instances) {
            instance.process().destroy();
        }
        for (Instance instance : instances) {
            if (!instance.process().waitFor(30, TimeUnit.SECONDS)) {
                instance.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        instances.clear();
    }

    @Test
    void three_instances_sharing_one_database_and_one_redis_issue_exactly_one_hundred_of_one_hundred()
            throws SQLException {
        List<ApiClient> clients = instances.stream().map(instance -> new ApiClient(instance.port())).toList();
        String coupon = newCoupon(clients.get(0), 100);
        long firstUser = 9_000_000;

        List<Response> responses = Concurrently.run(1000,
                worker -> issue(clients.get(worker % INSTANCES), coupon, firstUser + worker));

        Map<String, Long> outcomes = countByCode(responses);
        Map<Integer, Long> issuedPerInstance = new TreeMap<>();
        for (int worker = 0; worker < responses.size(); worker++) {
            if (responses.get(worker).status() == 201) {
                issuedPerInstance.merge(worker % INSTANCES, 1L, Long::sum);
            }
        }
        long[] truth = truth(coupon);
        List<String> redissonLocks = clients.stream().map(CouponMultiInstanceIT::redissonLocksHeld).toList();
        System.out.println("[CouponMultiInstanceIT] 3 processes, 1000 users / 100 coupons: outcomes " + outcomes
                + ", issued per instance " + issuedPerInstance + ", lock meters per instance "
                + redissonLocks + "; database " + CouponFixtures.describe(truth));

        assertThat(truth).containsExactly(100, 100, 100);
        assertThat(outcomes.keySet()).isSubsetOf("OK", "COUPON_SOLD_OUT", "LOCK_UNAVAILABLE", "IO_ERROR");
        // every OK is a stored copy; a lost response (IO_ERROR) may or may not be one
        assertThat(outcomes.getOrDefault("OK", 0L)).isLessThanOrEqualTo(100)
                .isGreaterThanOrEqualTo(100 - outcomes.getOrDefault("IO_ERROR", 0L));
        // the instances really competed: more than one of them issued copies
        assertThat(issuedPerInstance).hasSizeGreaterThan(1);
    }

    private static long[] truth(String coupon) throws SQLException {
        try (Connection connection = DriverManager.getConnection((String) postgres.get("spring.datasource.url"),
                (String) postgres.get("spring.datasource.username"),
                (String) postgres.get("spring.datasource.password"));
                PreparedStatement statement = connection.prepareStatement("""
                        select c.issued_quantity, count(i.id), count(distinct i.user_id)
                        from coupon.coupon c left join coupon.issued_coupon i on i.coupon_id = c.id
                        where c.id = ? group by c.issued_quantity""")) {
            statement.setString(1, coupon);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    private static String redissonLocksHeld(ApiClient client) {
        return client.get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith("coupon_lock_hold_seconds_count")
                        || line.startsWith("coupon_lock_fallback_total")
                        || line.startsWith("coupon_lock_breaker_transitions_total"))
                .map(line -> line.replace("coupon_lock_", ""))
                .toList().toString();
    }

    private static Path applicationJar() throws IOException {
        String configured = System.getProperty("coupon.app.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(path -> path.getFileName().toString().matches("app-bootstrap-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged app-bootstrap jar in target/: run the "
                            + "integration tests through 'mvn verify', which packages it first"));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Instance(Process process, int port, Path log) {

        void awaitHealthy() throws Exception {
            ApiClient client = new ApiClient(port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("instance on port " + port + " exited with "
                            + process.exitValue() + "; see " + log.toAbsolutePath());
                }
                try {
                    Response health = client.get("/actuator/health");
                    if (health.status() == 200 && health.json().path("status").asString().equals("UP")) {
                        return;
                    }
                } catch (IllegalStateException notYetListening) {
                    // connection refused while the instance starts
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("instance on port " + port + " not healthy within "
                            + STARTUP_SECONDS + " s; see " + log.toAbsolutePath());
                }
                Thread.sleep(500);
            }
        }
    }
}
