package dev.commerce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ratios of a reference run, kept in the repository (infra/bench/baseline.tsv): one line per row and
 * number of connections, {@code row<TAB>connections<TAB>ratio<TAB>successes/s<TAB>floor/s}; lines starting
 * with # are comments (the file says when, where and how it was measured). Only the ratio is compared: the
 * absolute rates are kept to show the run, and carry across machines no better than the machines do.
 */
final class Baseline {

    record Entry(String key, double ratio, double perSecond, double floor) {
    }

    /** One row's comparison; {@code loss} is 1 - ratio / baseline ratio (negative: better than the baseline). */
    record Comparison(String key, double ratio, Entry baseline, double loss, boolean failed) {
    }

    private Baseline() {
    }

    static Map<String, Entry> read(Path file) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return entries;
        }
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length < 5) {
                throw new IllegalStateException(file + ": a baseline line wants 5 tab-separated fields, got: " + line);
            }
            String key = fields[0] + "@" + fields[1];
            entries.put(key, new Entry(key, Double.parseDouble(fields[2]), Double.parseDouble(fields[3]),
                    Double.parseDouble(fields[4])));
        }
        return entries;
    }

    /** Every measured row (floors excepted) against its baseline; rows without one are left out. */
    static List<Comparison> compare(Map<String, Entry> baseline, List<WrkReport.Row> rows, double tolerance) {
        List<Comparison> comparisons = new ArrayList<>();
        for (WrkReport.Row row : rows) {
            Entry entry = baseline.get(row.key());
            if (row.isFloor() || entry == null || entry.ratio() <= 0) {
                continue;
            }
            double loss = 1 - row.ratio() / entry.ratio();
            comparisons.add(new Comparison(row.key(), row.ratio(), entry, loss, loss > tolerance));
        }
        return comparisons;
    }

    /**
     * Writes this run's rows (floors excepted) as the new baseline; rows of the old file this run did not
     * measure are kept. {@code comments} go first, each as a # line.
     */
    static void write(Path file, List<WrkReport.Row> rows, List<String> comments) throws IOException {
        Map<String, String> lines = new LinkedHashMap<>();
        read(file).forEach((key, entry) -> lines.put(key, line(key, entry.ratio(), entry.perSecond(), entry.floor())));
        for (WrkReport.Row row : rows) {
            if (!row.isFloor()) {
                lines.put(row.key(), line(row.key(), row.ratio(), row.result().okPerSecond(), row.floor()));
            }
        }
        StringBuilder out = new StringBuilder();
        comments.forEach(comment -> out.append("# ").append(comment).append('\n'));
        out.append("# row\tconnections\tratio\tsuccesses_per_s\tfloor_per_s\n");
        lines.values().forEach(line -> out.append(line).append('\n'));
        Files.writeString(file, out.toString());
    }

    static String table(List<Comparison> comparisons, double tolerance) {
        StringBuilder out = new StringBuilder("| row | ratio | baseline ratio | change | verdict |\n|---|---:|---:|---:|---|\n");
        for (Comparison c : comparisons) {
            out.append(String.format(Locale.ROOT, "| `%s` | %s | %s | %+.0f %% | %s |%n", c.key(),
                    WrkReport.percent(c.ratio()), WrkReport.percent(c.baseline().ratio()), -100 * c.loss(),
                    c.failed() ? "**FAILED**: more than " + Math.round(100 * tolerance) + " % below the baseline" : "ok"));
        }
        return out.toString();
    }

    private static String line(String key, double ratio, double perSecond, double floor) {
        int at = key.lastIndexOf('@');
        return String.format(Locale.ROOT, "%s\t%s\t%.4f\t%.0f\t%.0f", key.substring(0, at), key.substring(at + 1), ratio,
                perSecond, floor);
    }
}
