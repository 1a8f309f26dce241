package dev.commerce.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Waits for a pooled connection in short slices instead of one long wait. A slice that ends
 * while Hikari's last attempt to open a connection failed means the database refuses
 * connections: the request fails at once (503 with Retry-After) instead of queueing for the
 * whole {@code connection-timeout}. A slice that ends while the database is merely busy (every
 * connection in use, the last one opened fine) keeps waiting, so a flash-sale burst still queues
 * for up to {@code spring.datasource.hikari.connection-timeout}.
 */
final class FailFastDataSource extends DelegatingDataSource {

    private final HikariDataSource hikari;
    private final long sliceMillis;

    FailFastDataSource(HikariDataSource hikari, Duration unreachableTimeout) {
        super(hikari);
        this.hikari = hikari;
        this.sliceMillis = Math.max(250, unreachableTimeout.toMillis());
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!(hikari.getHikariPoolMXBean() instanceof HikariPool pool)) {
            return hikari.getConnection(); // not started yet: Hikari starts the pool on first use
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(hikari.getConnectionTimeout());
        while (true) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                return pool.getConnection(Math.max(250, Math.min(sliceMillis, remaining)));
            } catch (SQLTransientConnectionException timedOut) {
                // Hikari gives the last failure to open a connection as the cause; none means busy
                if (timedOut.getCause() != null || remaining <= sliceMillis) {
                    throw timedOut;
                }
            }
        }
    }
}
