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
    private static long firstNanos;
    private static long lastNanos;

    private Outcomes() {
    }

    public static void record(int status, String code, long responseMillis) {
        String key = status + (code == null || code.isBlank() ? "" : " " + code);
        COUNTS.computeIfAbsent(key, k -> new LongAdder()).increment();
        long now = System.nanoTime();
        synchronized (LATENCIES_MILLIS) {
            if (LATENCIES_MILLIS.size() == 0) {
                firstNanos = now - responseMillis * 1_000_000;
            }
            lastNanos = now;
            LATENCIES_MILLIS.add(responseMillis);
        }
    }

    static void reset() {
        COUNTS.clear();
        synchronized (LATENCIES_MILLIS) {
            LATENCIES_MILLIS.clear();
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
}
