package dev.commerce.infra.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The PostgreSQL and Redis servers this JVM started, one of each at most, shared by every
 * application context in the JVM (the test suite starts several) and stopped when the JVM
 * shuts down.
 */
public final class LocalInfrastructure {

    private static LocalServer postgres;
    private static LocalServer redis;
    private static int stoppedRedisPort;
    private static EmbeddedPostgresServer stoppedPostgres;
    private static Boolean dockerAvailable;
    private static boolean shutdownHookRegistered;

    private LocalInfrastructure() {
    }

    /** Spring properties for a PostgreSQL started for this JVM, starting it on first use. */
    public static synchronized Started postgres(InfrastructureMode mode) {
        if (postgres == null && stoppedPostgres != null) {
            startPostgres();
        }
        if (postgres == null) {
            postgres = start(mode, ContainerServers::postgres, EmbeddedPostgresServer::start);
        }
        return new Started(postgres.provider(), postgres.properties());
    }

    /** Spring properties for a Redis started for this JVM, starting it on first use. */
    public static synchronized Started redis(InfrastructureMode mode) {
        if (redis == null && stoppedRedisPort != 0) {
            startRedis();
        }
        if (redis == null) {
            redis = start(mode, ContainerServers::redis, EmbeddedRedisServer::start);
        }
        return new Started(redis.provider(), redis.properties());
    }

    /**
     * Stops the Redis this JVM started, remembering its port so that {@link #startRedis()} brings a
     * Redis back at the same address: for fault tests. Supported for the embedded server only.
     */
    public static synchronized void stopRedis() {
        if (!(redis instanceof EmbeddedRedisServer embedded)) {
            throw new UnsupportedOperationException("stopping Redis is supported for the embedded server only, not "
                    + (redis == null ? "none" : redis.provider()));
        }
        stoppedRedisPort = embedded.port();
        try {
            redis.close();
        } finally {
            redis = null;
        }
    }

    /** Starts Redis again on the port {@link #stopRedis()} freed (empty: embedded Redis persists nothing). */
    public static synchronized void startRedis() {
        if (redis != null) {
            return;
        }
        if (stoppedRedisPort == 0) {
            throw new IllegalStateException("no stopped Redis to start again");
        }
        redis = EmbeddedRedisServer.start(stoppedRedisPort);
        stoppedRedisPort = 0;
    }

    /**
     * Stops the PostgreSQL this JVM started (a fast shutdown: open connections are terminated),
     * keeping its port and its data folder so that {@link #startPostgres()} brings the same
     * database back at the same address: for fault tests. Supported for the embedded server only.
     */
    public static synchronized void stopPostgres() {
        if (!(postgres instanceof EmbeddedPostgresServer embedded)) {
            throw new UnsupportedOperationException("stopping PostgreSQL is supported for the embedded server only, not "
                    + (postgres == null ? "none" : postgres.provider()));
        }
        try {
            embedded.stop();
        } finally {
            stoppedPostgres = embedded;
            postgres = null;
        }
    }

    /** Starts PostgreSQL again on the port and data folder {@link #stopPostgres()} left; its data survives. */
    public static synchronized void startPostgres() {
        if (postgres != null) {
            return;
        }
        if (stoppedPostgres == null) {
            throw new IllegalStateException("no stopped PostgreSQL to start again");
        }
        postgres = EmbeddedPostgresServer.start(stoppedPostgres.dataDirectory(), stoppedPostgres.port());
        stoppedPostgres = null;
    }

    /** Stops every server this JVM started. Safe to call more than once. */
    public static synchronized void stopAll() {
        try {
            if (redis != null) {
                redis.close();
            }
        } finally {
            redis = null;
            try {
                if (postgres != null) {
                    postgres.close();
                }
            } finally {
                postgres = null;
                if (stoppedPostgres != null) {
                    EmbeddedPostgresServer.deleteQuietly(stoppedPostgres.dataDirectory());
                    stoppedPostgres = null;
                }
            }
        }
    }

    private static LocalServer start(InfrastructureMode mode, Supplier<LocalServer> container,
            Supplier<LocalServer> embedded) {
        registerShutdownHook();
        return switch (mode) {
            case TESTCONTAINERS -> container.get();
            case EMBEDDED -> embedded.get();
            case AUTO -> dockerAvailable() ? container.get() : embedded.get();
            case NONE -> throw new IllegalStateException(
                    "commerce.infra.mode=none: configure spring.datasource.url and spring.data.redis.url");
        };
    }

    /** Whether this JVM has a PostgreSQL or Redis of its own running: for tests that must start none. */
    static synchronized boolean anyServerRunning() {
        return postgres != null || redis != null;
    }

    static synchronized boolean dockerAvailable() {
        if (dockerAvailable == null) {
            dockerAvailable = ContainerServers.dockerAvailable();
        }
        return dockerAvailable;
    }

    private static void registerShutdownHook() {
        if (!shutdownHookRegistered) {
            // Spring Boot's own shutdown handlers run after its contexts have closed, so the
            // connection pools are gone before the servers stop.
            org.springframework.boot.SpringApplication.getShutdownHandlers().add(LocalInfrastructure::stopAll);
            shutdownHookRegistered = true;
        }
    }

    /** A server as the application sees it: who provided it and the properties to reach it. */
    public record Started(String provider, Map<String, Object> properties) {

        public Started {
            properties = Map.copyOf(new LinkedHashMap<>(properties));
        }
    }
}
