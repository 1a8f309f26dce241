package dev.commerce.infra.local;

/** A server this JVM started for itself, with what a client needs to reach it. */
interface LocalServer extends AutoCloseable {

    /** How the server was provided, for the log: "embedded", "testcontainers". */
    String provider();

    /** Spring properties that point the application at this server. */
    java.util.Map<String, Object> properties();

    @Override
    void close();
}
