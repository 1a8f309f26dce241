package dev.commerce.bench;

import java.util.Arrays;

/**
 * Throughput and latency of one measured run.
 *
 * @param requests   operations completed
 * @param throughput operations per second
 * @param p50        median latency in milliseconds (likewise p95, p99, max)
 */
record LatencyStats(long requests, double throughput, double p50, double p95, double p99, double max) {

    /** From raw latencies in nanoseconds, measured over {@code seconds}. */
    static LatencyStats fromNanos(long[] latencies, double seconds) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new LatencyStats(sorted.length, sorted.length / seconds,
                percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
