package dev.commerce.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where Docker answers (GitHub CI), the suite's contexts run on containers while the fault tests
 * ask for the embedded servers ({@code commerce.infra.mode=embedded}) and stop and start them. This
 * machine has no Docker, so the containers are stood in for by servers that only say where they
 * are and whether they were closed; the embedded servers are real.
 */
class LocalInfrastructureProvidersIT {

    private final FakeContainer postgresContainer = new FakeContainer("spring.datasource.url",
            "jdbc:postgresql://container.example:5432/test");
    private final FakeContainer redisContainer = new FakeContainer("spring.data.redis.url",
            "redis://container.example:6379");

    private Supplier<LocalServer> originalPostgres;
    private Supplier<LocalServer> originalRedis;
    private BooleanSupplier originalProbe;

    @BeforeEach
    void dockerAnswers() {
        LocalInfrastructure.stopAll();
        originalPostgres = LocalInfrastructure.postgresContainer;
        originalRedis = LocalInfrastructure.redisContainer;
        originalProbe = LocalInfrastructure.dockerProbe;
        LocalInfrastructure.postgresContainer = () -> postgresContainer;
        LocalInfrastructure.redisContainer = () -> redisContainer;
        LocalInfrastructure.dockerProbe = () -> true;
        LocalInfrastructure.forgetDockerProbe();
    }

    @AfterEach
    void restore() {
        try {
            LocalInfrastructure.stopAll();
        } finally {
            LocalInfrastructure.postgresContainer = originalPostgres;
            LocalInfrastructure.redisContainer = originalRedis;
            LocalInfrastructure.dockerProbe = originalProbe;
            LocalInfrastructure.forgetDockerProbe();
        }
    }

    @Test
    void embedded_servers_run_beside_the_containers_and_stop_and_start_without_touching_them() throws Exception {
        assertThat(LocalInfrastructure.redis(InfrastructureMode.AUTO).provider()).isEqualTo("testcontainers");
        assertThat(LocalInfrastructure.postgres(InfrastructureMode.AUTO).provider()).isEqualTo("testcontainers");

        LocalInfrastructure.Started redis = LocalInfrastructure.redis(InfrastructureMode.EMBEDDED);
        LocalInfrastructure.Started postgres = LocalInfrastructure.postgres(InfrastructureMode.EMBEDDED);
        assertThat(redis.provider()).isEqualTo("embedded");
        assertThat(postgres.provider()).isEqualTo("embedded");
        URI redisUrl = URI.create(redis.properties().get("spring.data.redis.url").toString());
        String jdbcUrl = postgres.properties().get("spring.datasource.url").toString();
        assertThat(ping(redisUrl)).isEqualTo("+PONG");
        assertThat(canConnect(jdbcUrl)).isTrue();

        LocalInfrastructure.stopRedis();
        LocalInfrastructure.stopPostgres();
        assertThat(canConnect(redisUrl)).as("embedded Redis while stopped").isFalse();
        assertThat(canConnect(jdbcUrl)).as("embedded PostgreSQL while stopped").isFalse();
        assertThat(redisContainer.closed).as("the Redis container").isFalse();
        assertThat(postgresContainer.closed).as("the PostgreSQL container").isFalse();
        assertThat(LocalInfrastructure.redis(InfrastructureMode.AUTO).properties())
                .isEqualTo(redisContainer.properties());

        LocalInfrastructure.startRedis();
        LocalInfrastructure.startPostgres();
        assertThat(ping(redisUrl)).as("embedded Redis back on its port").isEqualTo("+PONG");
        assertThat(canConnect(jdbcUrl)).as("embedded PostgreSQL back on its port").isTrue();
        assertThat(LocalInfrastructure.redis(InfrastructureMode.EMBEDDED).properties()).isEqualTo(redis.properties());
        assertThat(LocalInfrastructure.postgres(InfrastructureMode.EMBEDDED).properties())
                .isEqualTo(postgres.properties());

        LocalInfrastructure.stopAll();
        assertThat(redisContainer.closed).isTrue();
        assertThat(postgresContainer.closed).isTrue();
        assertThat(canConnect(redisUrl)).isFalse();
        assertThat(LocalInfrastructure.anyServerRunning()).isFalse();
    }

    @Test
    void stopping_a_server_when_only_containers_run_fails_and_says_what_the_test_must_ask_for() {
        LocalInfrastructure.redis(InfrastructureMode.AUTO);
        LocalInfrastructure.postgres(InfrastructureMode.AUTO);

        assertThatThrownBy(LocalInfrastructure::stopRedis).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("commerce.infra.mode=embedded");
        assertThatThrownBy(LocalInfrastructure::stopPostgres).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("commerce.infra.mode=embedded");
        assertThat(redisContainer.closed).isFalse();
        assertThat(postgresContainer.closed).isFalse();
    }

    private static String ping(URI redis) throws Exception {
        try (Socket socket = new Socket(redis.getHost(), redis.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    private static boolean canConnect(URI redis) {
        try (Socket ignored = new Socket(redis.getHost(), redis.getPort())) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean canConnect(String jdbcUrl) {
        try (Connection ignored = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** A container as LocalInfrastructure sees one: where it is, and whether it was closed. */
    private static final class FakeContainer implements LocalServer {

        private final Map<String, Object> properties;
        volatile boolean closed;

        FakeContainer(String property, String url) {
            this.properties = Map.of(property, url);
        }

        @Override
        public String provider() {
            return "testcontainers";
        }

        @Override
        public Map<String, Object> properties() {
            return properties;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
