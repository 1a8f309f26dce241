package dev.commerce.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a wrk run leaves behind: the report region {@code wrk} of docs/benchmarks.md (a partial run:
 * target/wrk-partial.md), the charts, the stability verdicts, the comparison with the baseline and a new
 * baseline when asked; and the run's failure when an invariant broke, the hot-SKU row was unstable
 * (with {@code bench.compare}) or a row fell more than the tolerance below its baseline.
 */
final class WrkOutcome {

    static final String REGION = "wrk";
    private static final double LEAST_SLOWEST_SHARE = 0.8;

    private final WrkSettings settings;
    private final List<WrkReport.Row> rows;
    private final List<WrkReport.Row> stabilityRuns;

    WrkOutcome(WrkSettings settings, List<WrkReport.Row> rows, List<WrkReport.Row> stabilityRuns) {
        this.settings = settings;
        this.rows = rows;
        this.stabilityRuns = stabilityRuns;
    }

    void finish() throws Exception {
        List<String> failures = new ArrayList<>();
        rows.stream().filter(row -> !row.broken().isEmpty())
                .forEach(row -> failures.add("invariants broken in " + row.key() + ": " + row.broken()));
        List<WrkReport.Stability> stability = WrkReport.Stability.of(stabilityRuns, LEAST_SLOWEST_SHARE);
        stability.forEach(s -> System.out.printf(Locale.ROOT, "stability %s: runs %s successes/s, median %.0f, "
                + "slowest/median %.0f %%%s%n", s.key(), s.perSecond().stream().map(Math::round).toList(), s.median(),
                100 * s.slowestShare(), s.flagged() ? " UNSTABLE" : ""));
        List<Baseline.Comparison> comparisons = List.of();
        if (settings.compare()) {
            comparisons = Baseline.compare(Baseline.read(settings.baseline()), rows, settings.tolerance());
            if (comparisons.isEmpty()) {
                failures.add("bench.compare: no row of this run has a baseline in " + settings.baseline());
            }
            for (Baseline.Comparison c : comparisons) {
                System.out.printf(Locale.ROOT, "compare %s: ratio %s, baseline %s, change %+.0f %% %s%n", c.key(),
                        WrkReport.percent(c.ratio()), WrkReport.percent(c.baseline().ratio()), -100 * c.loss(),
                        c.failed() ? "FAILED" : "ok");
                if (c.failed()) {
                    failures.add(String.format(Locale.ROOT, "%s: ratio %s is %.0f %% below its baseline %s",
                            c.key(), WrkReport.percent(c.ratio()), 100 * c.loss(), WrkReport.percent(c.baseline().ratio())));
                }
            }
            stability.stream().filter(WrkReport.Stability::flagged).forEach(s -> failures.add(String.format(Locale.ROOT,
                    "%s is unstable: its slowest run is %.0f %% of the median (at least %.0f %% wanted)", s.key(),
                    100 * s.slowestShare(), 100 * LEAST_SLOWEST_SHARE)));
        }
        Path report = settings.partial() ? settings.work().resolve("wrk-partial.md") : settings.report();
        Path charts = settings.partial() ? settings.work().resolve("wrk-charts") : settings.charts();
        List<String> chartFiles = Charts.wrk(rows, charts);
        MarkdownRegion.replace(report, REGION, "## Headline ratios (wrk)", region(stability, comparisons, report, charts,
                chartFiles));
        System.out.println("Report written to " + report.toAbsolutePath() + ", charts to " + charts.toAbsolutePath());
        if (settings.writeBaseline()) {
            List<String> comments = new ArrayList<>(List.of(
                    "Baseline of the wrk rows of infra/bench: the ratio of each row's correct successes/s to the HTTP floor",
                    "measured on the same service in the same run. ./mvnw -Pbench -DskipTests verify -Dbench.compare fails",
                    "when a ratio falls more than 20 % below its line here; -Dbench.baseline.write records a new one.",
                    "Recorded " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " with " + settings.describe() + "."));
            if (!settings.note().isBlank()) {
                comments.add(settings.note());
            }
            Baseline.write(settings.baseline(), rows, comments);
            System.out.println("Baseline written to " + settings.baseline().toAbsolutePath());
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("the wrk run failed:\n  " + String.join("\n  ", failures));
        }
    }

    private String region(List<WrkReport.Stability> stability, List<Baseline.Comparison> comparisons, Path report,
                          Path charts, List<String> chartFiles) {
        StringBuilder out = new StringBuilder()
                .append("Run of ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(": ")
                .append(settings.describe()).append(". ")
                .append(Services.describeEnvironment("wrk")).append("\n\n")
                .append(WrkReport.table(rows));
        if (!stability.isEmpty()) {
            out.append("\n**Stability** (the hot-SKU row measured ").append(settings.repeat())
                    .append(" times in a row on one service; the table above shows the median run):\n\n")
                    .append(WrkReport.stabilityTable(stability));
        }
        if (settings.compare()) {
            out.append("\n**Compared with the baseline** (`").append(settings.baseline().getFileName())
                    .append("`, tolerance ").append(Math.round(100 * settings.tolerance())).append(" %):\n\n")
                    .append(Baseline.table(comparisons, settings.tolerance()));
        }
        if (!chartFiles.isEmpty()) {
            out.append('\n');
            Path relative = report.toAbsolutePath().getParent().relativize(charts.toAbsolutePath());
            for (String chart : chartFiles) {
                out.append("![").append(chart).append("](").append(relative.resolve(chart).toString().replace('\\', '/'))
                        .append(")\n");
            }
        }
        List<String> notes = new ArrayList<>();
        String experiments = Services.experimentNote();
        if (experiments != null) {
            notes.add(experiments);
        }
        if (!settings.note().isBlank()) {
            notes.add(settings.note());
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }
}
