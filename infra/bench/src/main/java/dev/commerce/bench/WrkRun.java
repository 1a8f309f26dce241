package dev.commerce.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One run of Debian's {@code wrk} (4.1) with one of the Lua scripts in {@code resources/wrk}: a closed
 * workload of {@code connections} keep-alive connections over {@code threads} threads, each sending its
 * next request as soon as the previous one was answered. The script counts every answer by outcome and
 * prints its counts with wrk's latency percentiles as {@code BENCH ...} lines, parsed into a {@link Result}.
 */
final class WrkRun {

    private static final String[] SCRIPTS = {"common.lua", "floor.lua", "reserve.lua", "coupon.lua", "payment.lua",
        "checkout.lua"};
    private static final int TIMEOUT_SECONDS = 10;

    /**
     * One run's figures. {@code ok}: the script's correct successes; {@code answered}: all answers;
     * {@code sent}: requests built, so {@code sent - answered} were in flight when wrk stopped (their
     * effects may still land in the database). Latencies in ms, of every answer.
     */
    record Result(double seconds, long sent, long answered, long ok, Map<String, Long> outcomes, String socketErrors,
                  double p50, double p95, double p99, double max) {

        double okPerSecond() {
            return ok / seconds;
        }

        long inFlight() {
            return Math.max(0, sent - answered);
        }

        long count(String outcome) {
            return outcomes.getOrDefault(outcome, 0L);
        }
    }

    private final Path scripts;
    private final Path output;
    private final int threads;

    private WrkRun(Path scripts, Path output, int threads) {
        this.scripts = scripts;
        this.output = output;
        this.threads = threads;
    }

    /** Checks that wrk is there (installing it with apt-get when missing and running as root), unpacks the scripts. */
    static WrkRun prepare(Path work, int threads) throws Exception {
        ensureInstalled();
        Path scripts = Files.createDirectories(work.resolve("wrk-scripts"));
        for (String script : SCRIPTS) {
            try (InputStream in = WrkRun.class.getResourceAsStream("/wrk/" + script)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource wrk/" + script);
                }
                Files.write(scripts.resolve(script), in.readAllBytes());
            }
        }
        return new WrkRun(scripts, Files.createDirectories(work.resolve("wrk-output")), threads);
    }

    /** {@code script} against {@code baseUrl} for {@code seconds}; {@code environment} is the script's settings. */
    Result run(String script, String baseUrl, int connections, int seconds, Map<String, String> environment, String label)
            throws Exception {
        Path out = output.resolve(label.replaceAll("[^A-Za-z0-9.-]+", "_") + ".txt");
        ProcessBuilder builder = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", TIMEOUT_SECONDS + "s", "-s", scripts.resolve(script).toString(), baseUrl)
                .redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("BENCH_LUA", scripts.toString());
        Process wrk = builder.start();
        if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            wrk.destroyForcibly();
            throw new IllegalStateException("wrk did not end within " + (seconds + 60) + " s: " + out);
        }
        if (wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk failed (" + wrk.exitValue() + "): " + Files.readString(out));
        }
        return parse(Files.readAllLines(out), out);
    }

    private static Result parse(List<String> lines, Path file) {
        Map<String, Long> outcomes = new TreeMap<>();
        Map<String, String[]> values = new TreeMap<>();
        for (String line : lines) {
            if (line.startsWith("BENCH count ")) {
                String[] parts = line.substring("BENCH count ".length()).split(" ", 2);
                outcomes.put(parts[1], Long.parseLong(parts[0]));
            } else if (line.startsWith("BENCH ")) {
                String[] parts = line.substring("BENCH ".length()).split(" ");
                values.put(parts[0], parts);
            }
        }
        if (!values.containsKey("duration_us") || !values.containsKey("latency_us")) {
            throw new IllegalStateException("wrk printed no result (see " + file + "): " + String.join("\n", lines));
        }
        String[] latency = values.get("latency_us");
        String[] errors = values.get("errors");
        List<String> socketErrors = new ArrayList<>();
        String[] names = {"connect", "read", "write", "status>399", "timeout"};
        for (int i = 0; i < names.length; i++) {
            if (!"0".equals(errors[i + 1]) && !"status>399".equals(names[i])) {
                socketErrors.add(names[i] + " " + errors[i + 1]);
            }
        }
        return new Result(number(values, "duration_us") / 1e6, (long) number(values, "sent"),
                (long) number(values, "answered"), (long) number(values, "ok"), outcomes, String.join(", ", socketErrors),
                Double.parseDouble(latency[1]) / 1000, Double.parseDouble(latency[2]) / 1000,
                Double.parseDouble(latency[3]) / 1000, Double.parseDouble(latency[4]) / 1000);
    }

    private static double number(Map<String, String[]> values, String name) {
        return Double.parseDouble(values.get(name)[1]);
    }

    private static void ensureInstalled() throws IOException, InterruptedException {
        if (onPath()) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            throw new IllegalStateException("wrk is not installed: install it (Debian/Ubuntu: "
                    + "sudo apt-get install -y --no-install-recommends wrk) and run the benchmark again");
        }
        System.out.println("wrk is not installed: apt-get install -y --no-install-recommends wrk");
        int status = new ProcessBuilder("apt-get", "install", "-y", "--no-install-recommends", "wrk").inheritIO().start().waitFor();
        if (status != 0) {
            new ProcessBuilder("apt-get", "update").inheritIO().start().waitFor();
            status = new ProcessBuilder("apt-get", "install", "-y", "--no-install-recommends", "wrk").inheritIO().start()
                    .waitFor();
        }
        if (status != 0 || !onPath()) {
            throw new IllegalStateException("could not install wrk with apt-get (status " + status + "): install it "
                    + "(apt-get install -y --no-install-recommends wrk) and run the benchmark again");
        }
    }

    private static boolean onPath() {
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(folder, "wrk"))) {
                return true;
            }
        }
        return false;
    }
}
