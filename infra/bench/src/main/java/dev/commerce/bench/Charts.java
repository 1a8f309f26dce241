package dev.commerce.bench;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * The benchmark's pictures, drawn with XChart and saved as SVG (XChart's vector encoder, on
 * VectorGraphics2D): for the wrk rows the ratio to the floor per row, successes/s and p99 against the
 * number of connections (one line per row), and the CPU per answer stacked by process; for the Gatling
 * rows throughput and p99 against users, one line per strategy, per family of scenarios.
 */
final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;
    private static final Pattern LONG_DECIMALS = Pattern.compile("(\\d\\.\\d\\d)\\d+");

    private Charts() {
    }

    /** Draws the wrk charts into {@code folder}; their file names. */
    static List<String> wrk(List<WrkReport.Row> rows, Path folder) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(folder);
        List<String> files = new ArrayList<>();
        List<WrkReport.Row> measured = rows.stream().filter(row -> !row.isFloor()).toList();
        if (measured.isEmpty()) {
            return files;
        }
        CategoryChart ratios = category("Correct successes per second as a share of the HTTP floor (wrk)",
                "row", "% of the floor");
        Map<Integer, List<String>> names = new TreeMap<>();
        Map<Integer, List<Double>> values = new TreeMap<>();
        for (WrkReport.Row row : measured) {
            names.computeIfAbsent(row.connections(), c -> new ArrayList<>()).add(row.id());
            values.computeIfAbsent(row.connections(), c -> new ArrayList<>()).add(100 * row.ratio());
        }
        names.forEach((connections, ids) -> ratios.addSeries(connections + " connections", ids, values.get(connections)));
        files.add(save(ratios, folder, "wrk-ratio-to-floor"));

        Map<String, SortedMap<Integer, Double>> throughput = new LinkedHashMap<>();
        Map<String, SortedMap<Integer, Double>> p99 = new LinkedHashMap<>();
        for (WrkReport.Row row : rows) {
            throughput.computeIfAbsent(row.id(), id -> new TreeMap<>()).put(row.connections(), row.result().okPerSecond());
            p99.computeIfAbsent(row.id(), id -> new TreeMap<>()).put(row.connections(), row.result().p99());
        }
        files.add(save(lines("Correct successes per second against connections (wrk)", "connections",
                "successes/s (log scale)", throughput), folder, "wrk-throughput-vs-users"));
        files.add(save(lines("p99 latency against connections (wrk)", "connections", "p99 ms (log scale)", p99), folder,
                "wrk-p99-vs-users"));

        CategoryChart cpu = category("CPU time per answer, by process (wrk)", "row @ connections", "µs of CPU per answer");
        cpu.getStyler().setStacked(true);
        List<String> keys = new ArrayList<>();
        Map<String, List<Double>> byProcess = new LinkedHashMap<>();
        for (String process : List.of("service", "PostgreSQL", "Redis", "wrk", "other")) {
            byProcess.put(process, new ArrayList<>());
        }
        for (WrkReport.Row row : rows) {
            CpuUsage.PerRequest c = row.cpu();
            if (c == null) {
                continue;
            }
            keys.add(row.key());
            byProcess.get("service").add(c.service());
            byProcess.get("PostgreSQL").add(c.postgres());
            byProcess.get("Redis").add(c.redis());
            byProcess.get("wrk").add(c.generator());
            byProcess.get("other").add(c.other());
        }
        if (!keys.isEmpty()) {
            byProcess.forEach((process, micros) -> cpu.addSeries(process, keys, micros));
            files.add(save(cpu, folder, "wrk-cpu-per-request"));
        }
        return files;
    }

    /**
     * Gatling's rows of one family (scenario names starting with {@code prefix}), one line per strategy:
     * throughput and p99 against users. Nothing when the family has no row.
     */
    static List<String> gatlingFamily(List<Report.Row> rows, String prefix, String family, Path folder)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, SortedMap<Integer, Double>> throughput = new LinkedHashMap<>();
        Map<String, SortedMap<Integer, Double>> p99 = new LinkedHashMap<>();
        for (Report.Row row : rows) {
            if (row.scenario().startsWith(prefix)) {
                String strategy = row.scenario().substring(prefix.length());
                throughput.computeIfAbsent(strategy, s -> new TreeMap<>()).put(row.users(), row.service().throughput());
                p99.computeIfAbsent(strategy, s -> new TreeMap<>()).put(row.users(), row.service().p99());
            }
        }
        List<String> files = new ArrayList<>();
        if (throughput.isEmpty()) {
            return files;
        }
        Files.createDirectories(folder);
        files.add(save(lines(family + ": requests per second against users (Gatling)", "users", "req/s (log scale)",
                throughput), folder, "gatling-" + slug(family) + "-throughput-vs-users"));
        files.add(save(lines(family + ": p99 latency against users (Gatling)", "users", "p99 ms (log scale)", p99),
                folder, "gatling-" + slug(family) + "-p99-vs-users"));
        return files;
    }

    private static String slug(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static XYChart lines(String title, String x, String y, Map<String, SortedMap<Integer, Double>> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisDecimalPattern("#");
        series.forEach((name, points) -> {
            double[] xs = points.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[] ys = points.values().stream().mapToDouble(value -> Math.max(value, 0.01)).toArray();
            chart.addSeries(name, xs, ys);
        });
        return chart;
    }

    private static CategoryChart category(String title, String x, String y) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x)
                .yAxisTitle(y).build();
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        return chart;
    }

    /**
     * Saves {@code chart} as {@code name}.svg, its coordinates cut to two decimals (XChart draws every glyph as a
     * path, in coordinates of six decimals: this halves the file); with {@code -Dbench.charts.png=true} also as PNG.
     */
    private static String save(Chart<?, ?> chart, Path folder, String name) throws IOException {
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsFormat.SVG);
        Files.writeString(folder.resolve(name + ".svg"),
                LONG_DECIMALS.matcher(svg.toString(StandardCharsets.UTF_8)).replaceAll("$1"));
        if (Boolean.getBoolean("bench.charts.png")) {
            BitmapEncoder.saveBitmap(chart, folder.resolve(name).toString(), BitmapFormat.PNG);
        }
        return name + ".svg";
    }
}
