package dev.commerce.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import redis.embedded.RedisServer;

/**
 * A real Redis started from the binary shipped in embedded-redis, bound to loopback on a free
 * port, persisting nothing, with its working folder in a temporary directory.
 */
final class EmbeddedRedisServer implements LocalServer {

    private final RedisServer redis;
    private final int port;
    private final Path directory;

    private EmbeddedRedisServer(RedisServer redis, int port, Path directory) {
        this.redis = redis;
        this.port = port;
        this.directory = directory;
    }

    /** On a free port below the ephemeral range, so that no outgoing connection takes it while Redis is stopped. */
    static EmbeddedRedisServer start() {
        return start(LocalCluster.freeConsecutivePorts(1));
    }

    /** Starts on the given port; used again to restart a stopped server on the same address. */
    static EmbeddedRedisServer start(int port) {
        try {
            Path directory = Files.createTempDirectory("embedded-redis-");
            RedisServer redis = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir " + directory)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxclients 2000")
                    .onShutdownForceStop(true)
                    .build();
            redis.start();
            return new EmbeddedRedisServer(redis, port, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded Redis", e);
        }
    }

    int port() {
        return port;
    }

    @Override
    public String provider() {
        return "embedded";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("spring.data.redis.url", "redis://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        try {
            redis.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop embedded Redis", e);
        } finally {
            deleteQuietly(directory);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
