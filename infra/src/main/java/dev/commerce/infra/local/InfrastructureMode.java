package dev.commerce.infra.local;

/**
 * How to provide PostgreSQL and Redis that configuration does not name
 * ({@code commerce.infra.mode}).
 */
public enum InfrastructureMode {
    /** Testcontainers when a Docker engine answers, otherwise embedded servers. */
    AUTO,
    /** Always Testcontainers; fails when no Docker engine answers. */
    TESTCONTAINERS,
    /** Always embedded servers started in-process. */
    EMBEDDED,
    /** Start nothing: PostgreSQL and Redis must be configured (production). */
    NONE;

    /** Reads {@code auto}, {@code Embedded}, {@code TESTCONTAINERS} alike; names the choices when wrong. */
    public static InfrastructureMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("commerce.infra.mode must be one of auto, testcontainers, embedded, none;"
                    + " was '" + value + "'", e);
        }
    }
}
