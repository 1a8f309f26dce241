package dev.commerce.infra.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL started from the zonky binaries, with its data in a temporary folder. The
 * folder is ours, not zonky's ({@code setCleanDataDirectory(false)}), so that the server can be
 * stopped and started again on the same port with the same data (fault tests); it is deleted
 * when the server is closed for good.
 */
final class EmbeddedPostgresServer implements LocalServer {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    static EmbeddedPostgresServer start() {
        try {
            return start(Files.createTempDirectory("embedded-pg-data-"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a data folder for embedded PostgreSQL", e);
        }
    }

    /**
     * Starts on {@code dataDirectory} (initialised when empty, reused as it is otherwise) and
     * {@code port} (0: a free one): used again to restart a stopped server with its data.
     */
    static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Several application instances and a load test may share this server.
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setRegisterShutdownHook(true);
            if (port != 0) {
                builder.setPort(port);
            }
            return new EmbeddedPostgresServer(builder.start(), dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    int port() {
        return postgres.getPort();
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public String provider() {
        return "embedded";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of(
                "spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres");
    }

    /** Stops the server (fast shutdown: open connections are terminated) and keeps its data. */
    void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop embedded PostgreSQL", e);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            deleteQuietly(dataDirectory);
        }
    }

    static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
