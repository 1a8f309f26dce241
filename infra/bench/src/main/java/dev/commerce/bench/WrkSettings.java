package dev.commerce.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The settings of a wrk run, from system properties (the pom passes {@code -Dbench.*} through):
 * {@code bench.wrk.warmup} and {@code bench.wrk.seconds} (each row's warm-up and measured run, s),
 * {@code bench.wrk.connections} (comma-separated levels), {@code bench.wrk.threads},
 * {@code bench.wrk.buyers} (buyer tokens minted up front), {@code bench.repeat} (runs of the hot-SKU
 * row), {@code bench.only} (groups, see {@link WrkRunner#GROUPS}), {@code bench.compare},
 * {@code bench.baseline.write}, {@code bench.baseline} (the file), {@code bench.compare.tolerance}.
 */
record WrkSettings(Path work, int warmUpSeconds, int seconds, List<Integer> connections, int threads, int buyers,
                   int repeat, List<String> only, boolean compare, boolean writeBaseline, Path baseline,
                   double tolerance, Path report, Path charts, String note) {

    static WrkSettings fromProperties() {
        List<String> only = Arrays.stream(System.getProperty("bench.only", "").split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).toList();
        for (String group : only) {
            if (!WrkRunner.GROUPS.contains(group)) {
                throw new IllegalArgumentException("bench.only: unknown group " + group + " in the wrk mode; groups: "
                        + WrkRunner.GROUPS);
            }
        }
        Path work = Path.of(System.getProperty("bench.work", "target"));
        int repeat = Integer.getInteger("bench.repeat", 1);
        if (repeat < 1) {
            throw new IllegalArgumentException("bench.repeat must be at least 1, was " + repeat);
        }
        return new WrkSettings(work, Integer.getInteger("bench.wrk.warmup", 10), Integer.getInteger("bench.wrk.seconds", 20),
                Arrays.stream(System.getProperty("bench.wrk.connections", "32").split(",")).map(String::trim)
                        .map(Integer::valueOf).toList(),
                Integer.getInteger("bench.wrk.threads", 2), Integer.getInteger("bench.wrk.buyers", 1000), repeat, only,
                Boolean.getBoolean("bench.compare"), Boolean.getBoolean("bench.baseline.write"),
                Path.of(System.getProperty("bench.baseline", "baseline.tsv")),
                Double.parseDouble(System.getProperty("bench.compare.tolerance", "0.20")),
                Path.of(System.getProperty("bench.report", "benchmarks.md")),
                Path.of(System.getProperty("bench.charts", "benchmarks")), System.getProperty("bench.note", ""));
    }

    /** A partial run (bench.only) writes its report and charts under target, never into docs/. */
    boolean partial() {
        return !only.isEmpty();
    }

    String describe() {
        return "wrk " + threads + " threads, " + connections + " connections, " + warmUpSeconds + " s warm-up then "
                + seconds + " s measured per row" + (repeat > 1 ? ", the hot-SKU row " + repeat + " times" : "");
    }
}
