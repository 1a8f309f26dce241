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
    private static Boolean dockerAvailable;
    private static boolean shutdownHookRegistered;

    private LocalInfrastructure() {
    }

    /** Spring properties for a PostgreSQL started for this JVM, starting it on first use. */
    public static synchronized Started postgres(InfrastructureMode mode) {
        if (postgres == null) {
            postgres = start(mode, ContainerServers::postgres, EmbeddedPostgresServer::start);
        }
        return new Started(postgres.provider(), postgres.properties());
    }

    /** Spring properties for a Redis started for this JVM, starting it on first use. */
    public static synchronized Started redis(InfrastructureMode mode) {
        if (redis == null) {
            redis = start(mode, ContainerServers::redis, EmbeddedRedisServer::start);
        }
        return new Started(redis.provider(), redis.properties());
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
