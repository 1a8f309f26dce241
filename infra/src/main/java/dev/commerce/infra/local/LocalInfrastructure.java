package dev.commerce.infra.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The PostgreSQL and Redis servers this JVM started, shared by every application context in the
 * JVM (the test suite starts several) and stopped when the JVM shuts down.
 *
 * <p>Containers and embedded servers are kept apart, one of each kind per service at most: a
 * context that asks for {@link InfrastructureMode#EMBEDDED} gets the embedded servers even where the
 * other contexts run on containers (Docker answering: GitHub CI). That is how the fault tests run on
 * every machine: they stop and start servers ({@link #stopRedis()}, {@link #stopPostgres()}), which
 * only the embedded servers support, so they force the embedded path for their own contexts and
 * never touch the containers the rest of the suite shares. Where Docker does not answer,
 * {@link InfrastructureMode#AUTO} resolves to the embedded servers too, and every context shares them.
 */
public final class LocalInfrastructure {

    private static LocalServer containerPostgres;
    private static LocalServer containerRedis;
    private static EmbeddedPostgresServer embeddedPostgres;
    private static EmbeddedRedisServer embeddedRedis;
    private static int stoppedRedisPort;
    private static EmbeddedPostgresServer stoppedPostgres;
    private static Boolean dockerAvailable;
    private static boolean shutdownHookRegistered;

    /** How containers are started and whether Docker answers: replaced by tests that have no Docker. */
    static Supplier<LocalServer> postgresContainer = ContainerServers::postgres;
    static Supplier<LocalServer> redisContainer = ContainerServers::redis;
    static BooleanSupplier dockerProbe = ContainerServers::dockerAvailable;

    private LocalInfrastructure() {
    }

    /**
     * Spring properties for a PostgreSQL started for this JVM, of the kind {@code mode} asks for
     * (AUTO: a container when Docker answers, else embedded), starting it on first use. An embedded
     * PostgreSQL stopped by {@link #stopPostgres()} is started again.
     */
    public static synchronized Started postgres(InfrastructureMode mode) {
        LocalServer server;
        if (useContainers(mode)) {
            if (containerPostgres == null) {
                registerShutdownHook();
                containerPostgres = postgresContainer.get();
            }
            server = containerPostgres;
        } else {
            if (embeddedPostgres == null) {
                if (stoppedPostgres != null) {
                    startPostgres();
                } else {
                    registerShutdownHook();
                    embeddedPostgres = EmbeddedPostgresServer.start();
                }
            }
            server = embeddedPostgres;
        }
        return new Started(server.provider(), server.properties());
    }

    /**
     * Spring properties for a Redis started for this JVM, of the kind {@code mode} asks for (AUTO: a
     * container when Docker answers, else embedded), starting it on first use. An embedded Redis
     * stopped by {@link #stopRedis()} is started again.
     */
    public static synchronized Started redis(InfrastructureMode mode) {
        LocalServer server;
        if (useContainers(mode)) {
            if (containerRedis == null) {
                registerShutdownHook();
                containerRedis = redisContainer.get();
            }
            server = containerRedis;
        } else {
            if (embeddedRedis == null) {
                if (stoppedRedisPort != 0) {
                    startRedis();
                } else {
                    registerShutdownHook();
                    embeddedRedis = EmbeddedRedisServer.start();
                }
            }
            server = embeddedRedis;
        }
        return new Started(server.provider(), server.properties());
    }

    /**
     * Stops the embedded Redis, remembering its port so that {@link #startRedis()} brings a Redis
     * back at the same address: for fault tests, whose contexts run on the embedded servers
     * ({@code commerce.infra.mode=embedded}). A Redis container, if any, is not touched.
     *
     * @throws IllegalStateException when no embedded Redis runs: the caller's context is not on the
     *                               embedded servers, so stopping anything would prove nothing
     */
    public static synchronized void stopRedis() {
        if (embeddedRedis == null) {
            throw new IllegalStateException("no embedded Redis runs in this JVM" + (stoppedRedisPort != 0
                    ? " (it is stopped already)" : "") + "; a fault test runs its context with commerce.infra.mode=embedded");
        }
        stoppedRedisPort = embeddedRedis.port();
        try {
            embeddedRedis.close();
        } finally {
            embeddedRedis = null;
        }
    }

    /** Starts the embedded Redis again on the port {@link #stopRedis()} freed (empty: it persists nothing). */
    public static synchronized void startRedis() {
        if (embeddedRedis != null) {
            return;
        }
        if (stoppedRedisPort == 0) {
            throw new IllegalStateException("no stopped Redis to start again");
        }
        embeddedRedis = EmbeddedRedisServer.start(stoppedRedisPort);
        stoppedRedisPort = 0;
    }

    /**
     * Stops the embedded PostgreSQL (a fast shutdown: open connections are terminated), keeping its
     * port and its data folder so that {@link #startPostgres()} brings the same database back at the
     * same address: for fault tests, whose contexts run on the embedded servers
     * ({@code commerce.infra.mode=embedded}). A PostgreSQL container, if any, is not touched.
     *
     * @throws IllegalStateException when no embedded PostgreSQL runs (see {@link #stopRedis()})
     */
    public static synchronized void stopPostgres() {
        if (embeddedPostgres == null) {
            throw new IllegalStateException("no embedded PostgreSQL runs in this JVM" + (stoppedPostgres != null
                    ? " (it is stopped already)" : "") + "; a fault test runs its context with commerce.infra.mode=embedded");
        }
        EmbeddedPostgresServer stopping = embeddedPostgres;
        try {
            stopping.stop();
        } finally {
            stoppedPostgres = stopping;
            embeddedPostgres = null;
        }
    }

    /** Starts the embedded PostgreSQL again on the port and data folder {@link #stopPostgres()} left; its data survives. */
    public static synchronized void startPostgres() {
        if (embeddedPostgres != null) {
            return;
        }
        if (stoppedPostgres == null) {
            throw new IllegalStateException("no stopped PostgreSQL to start again");
        }
        embeddedPostgres = EmbeddedPostgresServer.start(stoppedPostgres.dataDirectory(), stoppedPostgres.port());
        stoppedPostgres = null;
    }

    /** Stops every server this JVM started, containers and embedded. Safe to call more than once. */
    public static synchronized void stopAll() {
        try {
            closeAll(embeddedRedis, containerRedis, embeddedPostgres, containerPostgres);
        } finally {
            embeddedRedis = null;
            containerRedis = null;
            embeddedPostgres = null;
            containerPostgres = null;
            stoppedRedisPort = 0;
            if (stoppedPostgres != null) {
                EmbeddedPostgresServer.deleteQuietly(stoppedPostgres.dataDirectory());
                stoppedPostgres = null;
            }
        }
    }

    /** Closes each server, all of them even if one fails; the first failure is thrown at the end. */
    private static void closeAll(LocalServer... servers) {
        RuntimeException failure = null;
        for (LocalServer server : servers) {
            if (server == null) {
                continue;
            }
            try {
                server.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Whether {@code mode} asks for containers here (NONE is refused: it starts nothing). */
    private static boolean useContainers(InfrastructureMode mode) {
        return switch (mode) {
            case TESTCONTAINERS -> true;
            case EMBEDDED -> false;
            case AUTO -> dockerAvailable();
            case NONE -> throw new IllegalStateException(
                    "commerce.infra.mode=none: configure spring.datasource.url and spring.data.redis.url");
        };
    }

    /** Whether this JVM has a PostgreSQL or Redis of its own running: for tests that must start none. */
    static synchronized boolean anyServerRunning() {
        return containerPostgres != null || containerRedis != null || embeddedPostgres != null || embeddedRedis != null;
    }

    static synchronized boolean dockerAvailable() {
        if (dockerAvailable == null) {
            dockerAvailable = dockerProbe.getAsBoolean();
        }
        return dockerAvailable;
    }

    /** For tests that stand in for Docker: forget what the probe answered. */
    static synchronized void forgetDockerProbe() {
        dockerAvailable = null;
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
