package dev.commerce.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The wrk rows as Markdown: the headline table, the stability runs and the comparison with the baseline. */
final class WrkReport {

    /**
     * One measured row: {@code id} names it in the baseline and in {@code bench.only}; {@code floor} is the
     * HTTP floor (successes/s) of the same service at the same number of connections.
     */
    record Row(String id, String scenario, int connections, WrkRun.Result result, double floor, CpuUsage.PerRequest cpu,
               List<String> broken) {

        double ratio() {
            return floor == 0 ? 0 : result.okPerSecond() / floor;
        }

        /** The row's name in the baseline file: id@connections. */
        String key() {
            return id + "@" + connections;
        }

        boolean isFloor() {
            return id.startsWith(WrkRunner.FLOOR);
        }
    }

    /** The stability of one repeated row: each run's successes/s, their median and slowest / median. */
    record Stability(String key, List<Double> perSecond, List<Double> ratios, double median, double slowestShare,
                     boolean flagged) {

        static List<Stability> of(List<Row> runs, double least) {
            Map<String, List<Row>> byRow = new LinkedHashMap<>();
            runs.forEach(run -> byRow.computeIfAbsent(run.key(), key -> new ArrayList<>()).add(run));
            List<Stability> all = new ArrayList<>();
            byRow.forEach((key, rows) -> {
                List<Double> values = rows.stream().map(row -> row.result().okPerSecond()).toList();
                double median = medianOf(values);
                double slowest = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
                double share = median == 0 ? 0 : slowest / median;
                all.add(new Stability(key, values, rows.stream().map(Row::ratio).toList(), median, share, share < least));
            });
            return all;
        }
    }

    private WrkReport() {
    }

    /** The run whose successes/s is the median of {@code runs} (the lower middle one of an even number). */
    static Row medianRun(List<Row> runs) {
        List<Row> sorted = runs.stream().sorted(Comparator.comparingDouble(run -> run.result().okPerSecond())).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    static double medianOf(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder()
                .append("| row | conn. | successes/s | floor/s | ratio to floor | p50 | p95 | p99 | max | outcomes | in flight at stop "
                        + "| CPU: wrk | service | PostgreSQL | Redis | machine busy | CPU µs / answer | invariants |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        rows.forEach(row -> out.append(line(row)).append('\n'));
        return out.toString();
    }

    static String line(Row row) {
        WrkRun.Result r = row.result();
        CpuUsage.PerRequest cpu = row.cpu();
        String outcomes = r.outcomes().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ")) + (r.socketErrors().isEmpty() ? "" : "; socket errors: " + r.socketErrors());
        String invariants = row.isFloor() ? "–" : row.broken().isEmpty() ? "hold" : "BROKEN: " + String.join("; ", row.broken());
        return String.format(Locale.ROOT, "| %s (`%s`) | %d | %.0f | %.0f | %s | %s | %s | %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s |",
                row.scenario(), row.id(), row.connections(), r.okPerSecond(), row.floor(),
                row.isFloor() ? "100 %" : percent(row.ratio()), ms(r.p50()), ms(r.p95()), ms(r.p99()), ms(r.max()),
                outcomes, r.inFlight(),
                cpu == null ? "–" : share(cpu, cpu.generator()), cpu == null ? "–" : share(cpu, cpu.service()),
                cpu == null ? "–" : share(cpu, cpu.postgres()), cpu == null ? "–" : share(cpu, cpu.redis()),
                cpu == null ? "–" : String.format(Locale.ROOT, "%.0f %%", cpu.busyPercent()),
                cpu == null ? "–" : String.format(Locale.ROOT, "%.0f", cpu.all()), invariants);
    }

    static String stabilityTable(List<Stability> stability) {
        StringBuilder out = new StringBuilder("| row | successes/s of each run | ratio to its floor | median | slowest / median "
                + "| verdict |\n|---|---|---|---:|---:|---|\n");
        for (Stability s : stability) {
            out.append(String.format(Locale.ROOT, "| `%s` | %s | %s | %.0f | %s | %s |%n", s.key(),
                    s.perSecond().stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).collect(Collectors.joining(", ")),
                    s.ratios().stream().map(WrkReport::percent).collect(Collectors.joining(", ")),
                    s.median(), percent(s.slowestShare()),
                    s.flagged() ? "**UNSTABLE**: the slowest run is below 80 % of the median" : "stable"));
        }
        return out.toString();
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, share < 0.1 ? "%.1f %%" : "%.0f %%", 100 * share);
    }

    private static String share(CpuUsage.PerRequest cpu, double micros) {
        return String.format(Locale.ROOT, "%.0f %%", cpu.share(micros));
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.1f" : "%.0f", value);
    }
}
