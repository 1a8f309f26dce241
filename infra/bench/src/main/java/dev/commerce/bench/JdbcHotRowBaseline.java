package dev.commerce.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The physical limit of a hot-row reservation: the same SQL the service runs at its core
 * ({@code SELECT ... FOR UPDATE} on one stock row, then {@code UPDATE}), one transaction per
 * operation, through plain JDBC with the same number of threads, each on its own connection.
 */
final class JdbcHotRowBaseline {

    private final String url;
    private final String user;
    private final String password;

    JdbcHotRowBaseline(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    LatencyStats run(String sku, int threads, Duration duration) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<long[]>> workers = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                workers.add(executor.submit(() -> loop(sku, start, duration)));
            }
            start.countDown();
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> worker : workers) {
                all.add(worker.get());
            }
            release(sku);
            return LatencyStats.fromNanos(concat(all), duration.toMillis() / 1000.0);
        }
    }

    /** The baseline reserved units without reservations: give them back, so the invariants hold again. */
    private void release(String sku) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement reset = connection.prepareStatement(
                        "UPDATE inventory.stock SET reserved = 0 WHERE sku = ?")) {
            reset.setString(1, sku);
            reset.executeUpdate();
        }
    }

    private long[] loop(String sku, CountDownLatch start, Duration duration) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement lock = connection.prepareStatement(
                        "SELECT on_hand, reserved FROM inventory.stock WHERE sku = ? FOR UPDATE");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE inventory.stock SET reserved = reserved + 1 WHERE sku = ? AND reserved < on_hand")) {
            connection.setAutoCommit(false);
            LongList latencies = new LongList();
            start.await();
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                long began = System.nanoTime();
                lock.setString(1, sku);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                }
                update.setString(1, sku);
                update.executeUpdate();
                connection.commit();
                latencies.add(System.nanoTime() - began);
            }
            return latencies.toArray();
        } catch (SQLException e) {
            throw new IllegalStateException("JDBC baseline failed: " + e.getMessage(), e);
        }
    }

    static long[] concat(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(part -> part.length).sum()];
        int offset = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }
}
