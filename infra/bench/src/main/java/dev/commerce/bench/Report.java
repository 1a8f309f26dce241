package dev.commerce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The benchmark report, docs/benchmarks.md, and the same table on standard output. */
final class Report {

    record Row(String scenario, int users, LatencyStats service, Map<String, Long> outcomes, List<String> broken,
               String baselineName, LatencyStats baseline) {
    }

    /** The service's own lock timers over one row (see {@link LockTimes}). */
    record LockRow(String scenario, int users, String timer, LockTimes.Distribution times) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<LockRow> lockRows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> cpuLines = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
        System.out.println(line(row));
    }

    void addLocks(String scenario, int users, Map<String, LockTimes.Distribution> timers) {
        timers.forEach((timer, times) -> {
            LockRow row = new LockRow(scenario, users, timer, times);
            lockRows.add(row);
            System.out.println(lockLine(row));
        });
    }

    /** Where the CPU went during one row; nothing if the machine's figures could not be read. */
    void addCpu(String scenario, int users, double throughput, CpuUsage.PerRequest cpu) {
        if (cpu == null) {
            return;
        }
        String line = String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f %% | %.0f |",
                scenario, users, throughput, cpu.service(), cpu.generator(), cpu.postgres(), cpu.redis(), cpu.other(),
                cpu.all(), cpu.busyPercent(), cpu.ceiling());
        cpuLines.add(line);
        System.out.println(line);
    }

    List<LockRow> lockRows() {
        return lockRows;
    }

    void note(String note) {
        notes.add(note);
    }

    boolean allInvariantsHold() {
        return rows.stream().allMatch(row -> row.broken().isEmpty());
    }

    /** The rows so far, for the charts. */
    List<Row> rows() {
        return rows;
    }

    /**
     * Writes the report. Into a file that holds the region {@code gatling} (docs/benchmarks.md, where the wrk
     * rows and hand-written text surround it) only that region is replaced, its headings one level down;
     * any other file is written whole. {@code charts} are links (relative to the file) shown after the table.
     */
    void write(Path file, String environment, int seconds, List<String> charts) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("Produced by `./mvnw -Pbench -DskipTests verify` (see `infra/bench`) on ")
                .append(Instant.now()).append(".\n\n")
                .append(environment).append("\n\n")
                .append("Closed workload: each of *users* virtual users sends its next request as soon as the ")
                .append("previous one answered, for ").append(seconds).append(" s per row. Latencies in ms ")
                .append("(Gatling measures whole milliseconds). The baseline column is the physical limit ")
                .append("measured in the same run with the same number of threads; *ratio* is service ")
                .append("throughput / baseline throughput. *Invariants* are checked in the database after each row.\n\n")
                .append("| scenario | users | requests | req/s | p50 | p95 | p99 | max | outcomes | invariants | baseline | baseline req/s | baseline p99 | ratio |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|---:|---:|---:|\n");
        for (Row row : rows) {
            out.append(line(row)).append('\n');
        }
        if (!charts.isEmpty()) {
            out.append('\n');
            charts.forEach(chart -> out.append("![").append(chart).append("](").append(chart).append(")\n"));
        }
        if (!lockRows.isEmpty()) {
            out.append("\n## Lock wait and hold times\n\n")
                    .append("As the service measured them itself (its `*.lock.wait` / `*.lock.hold` timers, read from ")
                    .append("`/actuator/prometheus` before and after each row). Each figure is the upper bound of the ")
                    .append("histogram bucket holding that quantile, in ms; *max* is the highest bucket that received a ")
                    .append("sample. *Hold* runs from the moment the lock was granted until the transaction under it ")
                    .append("ended. `docs/lock-tuning.md` derives the lock settings from these figures.\n\n")
                    .append("| scenario | users | timer | samples | p50 | p99 | p99.9 | max |\n")
                    .append("|---|---:|---|---:|---:|---:|---:|---:|\n");
            for (LockRow row : lockRows) {
                out.append(lockLine(row)).append('\n');
            }
        }
        if (!cpuLines.isEmpty()) {
            out.append("\n## Where the CPU went\n\n")
                    .append("CPU time per request answered, in µs, during each row: the service process, the load generator ")
                    .append("(this run's JVM, Gatling), the PostgreSQL and Redis server processes, and *other*: the rest of ")
                    .append("the machine's busy time (kernel work not charged to a process, anything else running). *Busy* is ")
                    .append("the share of all cores' time in use. On a saturated machine a closed workload answers at most ")
                    .append("cores × 10⁶ / *all* requests per second: the *CPU ceiling*. Where *busy* is near 100 % the row ")
                    .append("is bound by CPU, not by its lock, and only less work per request raises it.\n\n")
                    .append("| scenario | users | req/s | service | load generator | PostgreSQL | Redis | other | all | busy | CPU ceiling req/s |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            cpuLines.forEach(line -> out.append(line).append('\n'));
        }
        if (!notes.isEmpty()) {
            out.append("\n## Notes\n\n");
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        if (MarkdownRegion.present(file, "gatling")) {
            MarkdownRegion.replace(file, "gatling", "", out.toString().replace("\n## ", "\n### "));
        } else {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "# Benchmarks\n\n" + out);
        }
    }

    private static String lockLine(LockRow row) {
        LockTimes.Distribution t = row.times();
        return String.format(Locale.ROOT, "| %s | %d | %s | %d | %s | %s | %s | %s |", row.scenario(), row.users(),
                row.timer().replace("_seconds", "").replace('_', '.'), t.samples(), millis(t.p50()), millis(t.p99()),
                millis(t.p999()), millis(t.max()));
    }

    private static String millis(double value) {
        return Double.isInfinite(value) ? "> 30 s" : String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.0f", value);
    }

    private static String line(Row row) {
        LatencyStats s = row.service();
        LatencyStats b = row.baseline();
        String outcomes = row.outcomes().entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining(", "));
        String invariants = row.broken().isEmpty() ? "hold" : "BROKEN: " + String.join("; ", row.broken());
        return String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %s | %s | %s | %s | %s | %s |",
                row.scenario(), row.users(), s.requests(), s.throughput(), s.p50(), s.p95(), s.p99(), s.max(),
                outcomes, invariants,
                row.baselineName() == null ? "–" : row.baselineName(),
                b == null ? "–" : String.format(Locale.ROOT, "%.0f", b.throughput()),
                b == null ? "–" : String.format(Locale.ROOT, "%.1f", b.p99()),
                b == null ? "–" : String.format(Locale.ROOT, "%.0f %%", 100 * s.throughput() / b.throughput()));
    }
}
