package dev.commerce.fullstack.coupon;

import static dev.commerce.fullstack.coupon.CouponFixtures.countByCode;
import static dev.commerce.fullstack.coupon.CouponFixtures.issue;
import static dev.commerce.fullstack.coupon.CouponFixtures.newCoupon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient;
import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.testing.ConcurrentRun;
import dev.commerce.fullstack.PackagedApplication;
import dev.commerce.infra.check.InvariantChecker;
import dev.commerce.infra.local.LocalCluster;
import dev.commerce.testing.Figures;
import java.io.IOException;
import java.net.Socket;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three separate processes of the packaged application ({@code java -jar}), started by the
 * launcher behind {@code infra/cluster.sh} against one PostgreSQL and one Redis: the instances
 * answer on consecutive ports and share one database; 1000 concurrent requests from distinct
 * users, spread round-robin across them, for a coupon of 100 give exactly 100 issued copies,
 * counted in the database; after close, no instance listens any more.
 */
class MultiInstanceIT {

    private static final int INSTANCES = 3;
    private static LocalCluster cluster;
    private static int firstPort;
    private static List<ApiClient> clients;

    @BeforeAll
    static void startInstances() throws IOException {
        firstPort = LocalCluster.freeConsecutivePorts(INSTANCES);
        cluster = LocalCluster.start(INSTANCES, PackagedApplication.jar(), firstPort, Path.of("target", "instances"),
                List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        "-Dspring.datasource.hikari.maximum-pool-size=10"));
        clients = cluster.urls().stream().map(url -> new ApiClient(URI.create(url).getPort())).toList();
        // Warm every instance up (class loading, JIT, Redis subscriptions, pooled connections) on a
        // coupon of its own, so that the burst below meets three running services, not three cold
        // starts on a loaded two-core machine, which can spend the whole lock wait time on them.
        String warmUp = newCoupon(clients.get(0), 1_000);
        for (int round = 0; round < 20; round++) {
            for (int instance = 0; instance < INSTANCES; instance++) {
                issue(clients.get(instance), warmUp, 8_000_000L + round * INSTANCES + instance);
            }
        }
    }

    @AfterAll
    static void stopInstancesAndProveThemGone() {
        if (cluster == null) {
            return;
        }
        cluster.close();
        for (int port = firstPort; port < firstPort + INSTANCES; port++) {
            assertThat(isListening(port)).as("port %d after the launcher closed", port).isFalse();
        }
    }

    @Test
    void the_launcher_starts_three_healthy_instances_on_consecutive_ports_sharing_one_database() {
        assertThat(cluster.urls()).containsExactly("http://127.0.0.1:" + firstPort,
                "http://127.0.0.1:" + (firstPort + 1), "http://127.0.0.1:" + (firstPort + 2));
        for (ApiClient client : clients) {
            Response health = client.get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asString()).isEqualTo("UP");
        }
        String sku = "cluster-" + System.nanoTime();
        assertThat(clients.get(0).put("/api/v1/products/" + sku + "/stock", Map.of("onHand", 7)).status()).isEqualTo(200);
        assertThat(clients.get(2).get("/api/v1/products/" + sku + "/stock").json().path("onHand").asLong()).isEqualTo(7);
    }

    @Test
    void three_instances_sharing_one_database_and_one_redis_issue_exactly_one_hundred_of_one_hundred()
            throws SQLException {
        String coupon = newCoupon(clients.get(0), 100);
        long firstUser = 9_000_000;

        List<Response> responses = ConcurrentRun.results(1000,
                worker -> issue(clients.get(worker % INSTANCES), coupon, firstUser + worker));

        Map<String, Long> outcomes = countByCode(responses);
        Map<Integer, Long> issuedPerInstance = new TreeMap<>();
        for (int worker = 0; worker < responses.size(); worker++) {
            if (responses.get(worker).status() == 201) {
                issuedPerInstance.merge(worker % INSTANCES, 1L, Long::sum);
            }
        }
        long[] truth = truth(coupon);
        String figures = Figures.report("MultiInstanceIT", "3 processes, 1000 users / 100 coupons: outcomes " + outcomes
                + ", issued per instance " + issuedPerInstance + "; database " + CouponFixtures.describe(truth));

        assertThat(truth).as(figures).containsExactly(100, 100, 100);
        // every stored copy was answered 201 and every 201 is a stored copy (no answer is lost); the rest
        // is sold out, or refused after waiting the whole lock wait time for the instances ahead of it
        assertThat(outcomes.getOrDefault("OK", 0L)).as(figures).isEqualTo(100);
        assertThat(outcomes.keySet()).as(figures).isSubsetOf("OK", "COUPON_SOLD_OUT", "LOCK_UNAVAILABLE");
        CouponFixtures.assertLockUnavailableOnlyAfterWaiting(responses);
        // the instances really competed: more than one of them issued copies
        assertThat(issuedPerInstance).as(figures).hasSizeGreaterThan(1);
        try (Connection connection = connect()) {
            assertThat(InvariantChecker.violations(connection)).isEmpty();
        }
    }

    private static long[] truth(String coupon) throws SQLException {
        try (Connection connection = connect();
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

    private static Connection connect() throws SQLException {
        Map<String, String> database = cluster.environment();
        return DriverManager.getConnection(database.get("SPRING_DATASOURCE_URL"),
                database.get("SPRING_DATASOURCE_USERNAME"), database.get("SPRING_DATASOURCE_PASSWORD"));
    }

    private static boolean isListening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
