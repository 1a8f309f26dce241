package dev.commerce.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one Gatling run observed: answers counted by outcome (HTTP status plus problem code) and
 * every response time. Gatling runs in this JVM, so the simulations and the runner share it.
 */
public final class Outcomes {

    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    private static final LongList LATENCIES_MILLIS = new LongList();
    /** When each answer came (System.nanoTime) and its status, index for index with the latencies. */
    private static final LongList ANSWERED_NANOS = new LongList();
    private static final LongList STATUSES = new LongList();
    /** The latencies of each named operation (mixed or multi-step traffic), besides the list of all. */
    private static final Map<String, LongList> OPERATION_MILLIS = new ConcurrentHashMap<>();
    private static long firstNanos;
    private static long lastNanos;

    private Outcomes() {
    }

    public static void record(int status, String code, long responseMillis) {
        record(null, status, code, responseMillis);
    }

    /** With {@code operation} (if not null) in front of the outcome, e.g. {@code reserve 409 INSUFFICIENT_STOCK}. */
    public static void record(String operation, int status, String code, long responseMillis) {
        String key = (operation == null ? "" : operation + " ") + status + (code == null || code.isBlank() ? "" : " " + code);
        COUNTS.computeIfAbsent(key, k -> new LongAdder()).increment();
        long now = System.nanoTime();
        synchronized (LATENCIES_MILLIS) {
            if (LATENCIES_MILLIS.size() == 0) {
                firstNanos = now - responseMillis * 1_000_000;
            }
            lastNanos = now;
            LATENCIES_MILLIS.add(responseMillis);
            ANSWERED_NANOS.add(now);
            STATUSES.add(status);
            if (operation != null) {
                OPERATION_MILLIS.computeIfAbsent(operation, name -> new LongList()).add(responseMillis);
            }
        }
    }

    static void reset() {
        COUNTS.clear();
        synchronized (LATENCIES_MILLIS) {
            LATENCIES_MILLIS.clear();
            ANSWERED_NANOS.clear();
            STATUSES.clear();
            OPERATION_MILLIS.clear();
        }
    }

    static Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        COUNTS.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }

    static long count(String outcome) {
        LongAdder adder = COUNTS.get(outcome);
        return adder == null ? 0 : adder.sum();
    }

    /** Throughput over the span from the first request's start to the last answer. */
    static LatencyStats stats() {
        synchronized (LATENCIES_MILLIS) {
            long[] nanos = LATENCIES_MILLIS.toArray();
            for (int i = 0; i < nanos.length; i++) {
                nanos[i] *= 1_000_000;
            }
            double seconds = Math.max(1e-3, (lastNanos - firstNanos) / 1e9);
            return LatencyStats.fromNanos(nanos, seconds);
        }
    }

    /**
     * The answers to one named operation only, over the span of the whole run (the same denominator as
     * {@link #stats()}, so the operations' throughputs add up to the run's).
     */
    static LatencyStats stats(String operation) {
        synchronized (LATENCIES_MILLIS) {
            LongList list = OPERATION_MILLIS.get(operation);
            long[] nanos = list == null ? new long[0] : list.toArray();
            for (int i = 0; i < nanos.length; i++) {
                nanos[i] *= 1_000_000;
            }
            return LatencyStats.fromNanos(nanos, Math.max(1e-3, (lastNanos - firstNanos) / 1e9));
        }
    }

    /**
     * One interval of a run.
     *
     * @param fromSecond seconds since the first request, where the interval starts
     * @param perSecond  answers per second in the interval
     */
    record Interval(long fromSecond, double perSecond, long ok, long clientErrors, long serverErrors, double p50,
                    double p99) {
    }

    /** The run cut into intervals of {@code seconds}, by when each answer came. */
    static java.util.List<Interval> timeline(int seconds) {
        synchronized (LATENCIES_MILLIS) {
            long[] at = ANSWERED_NANOS.toArray();
            long[] millis = LATENCIES_MILLIS.toArray();
            long[] statuses = STATUSES.toArray();
            java.util.List<Interval> intervals = new java.util.ArrayList<>();
            if (at.length == 0) {
                return intervals;
            }
            long width = seconds * 1_000_000_000L;
            int buckets = (int) ((lastNanos - firstNanos) / width) + 1;
            for (int bucket = 0; bucket < buckets; bucket++) {
                long from = firstNanos + bucket * width;
                LongList latencies = new LongList();
                long ok = 0;
                long client = 0;
                long server = 0;
                for (int i = 0; i < at.length; i++) {
                    if (at[i] >= from && at[i] < from + width) {
                        latencies.add(millis[i] * 1_000_000);
                        if (statuses[i] >= 500) {
                            server++;
                        } else if (statuses[i] >= 400) {
                            client++;
                        } else {
                            ok++;
                        }
                    }
                }
                double span = Math.min(width, lastNanos - from) / 1e9;
                LatencyStats stats = LatencyStats.fromNanos(latencies.toArray(), Math.max(1e-3, span));
                intervals.add(new Interval((long) bucket * seconds, stats.throughput(), ok, client, server, stats.p50(),
                        stats.p99()));
            }
            return intervals;
        }
    }
}
