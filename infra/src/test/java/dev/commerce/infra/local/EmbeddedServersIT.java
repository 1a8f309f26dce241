package dev.commerce.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.mock.env.MockEnvironment;

/** The embedded path starts real PostgreSQL and Redis servers that answer, and stops them. */
class EmbeddedServersIT {

    @AfterAll
    static void stop() {
        LocalInfrastructure.stopAll();
    }

    @Test
    void embedded_mode_points_the_environment_at_real_postgresql_and_redis() throws Exception {
        MockEnvironment environment = new MockEnvironment().withProperty("commerce.infra.mode", "embedded");

        new LocalInfrastructureEnvironmentPostProcessor(new DeferredLogs())
                .postProcessEnvironment(environment, new SpringApplication());

        String jdbcUrl = environment.getProperty("spring.datasource.url");
        try (Connection connection = DriverManager.getConnection(jdbcUrl,
                environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password"));
                ResultSet result = connection.createStatement().executeQuery("select version()")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).startsWith("PostgreSQL");
        }

        URI redis = URI.create(environment.getProperty("spring.data.redis.url"));
        assertThat(redis.getHost()).isEqualTo("127.0.0.1");
        assertThat(ping(redis)).isEqualTo("+PONG");
    }

    @Test
    void stopped_servers_no_longer_answer() throws Exception {
        URI redis = URI.create(LocalInfrastructure.redis(InfrastructureMode.EMBEDDED).properties()
                .get("spring.data.redis.url").toString());
        assertThat(ping(redis)).isEqualTo("+PONG");

        LocalInfrastructure.stopAll();

        assertThat(canConnect(redis)).isFalse();
    }

    @Test
    void a_stopped_postgresql_starts_again_on_the_same_port_with_its_data() throws Exception {
        var properties = LocalInfrastructure.postgres(InfrastructureMode.EMBEDDED).properties();
        String url = properties.get("spring.datasource.url").toString();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres")) {
            connection.createStatement().execute("create table survives (n int); insert into survives values (42)");
        }

        LocalInfrastructure.stopPostgres();
        boolean answeredWhileStopped = canConnect(url);
        LocalInfrastructure.startPostgres();

        assertThat(answeredWhileStopped).isFalse();
        assertThat(LocalInfrastructure.postgres(InfrastructureMode.EMBEDDED).properties().get("spring.datasource.url"))
                .isEqualTo(url);
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                ResultSet result = connection.createStatement().executeQuery("select n from survives")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(42);
        }
    }

    private static boolean canConnect(String jdbcUrl) {
        try (Connection ignored = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            return true;
        } catch (java.sql.SQLException e) {
            return false;
        }
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
}
