package dev.commerce.bench;

import dev.commerce.infra.local.LocalCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the packaged service as users run it (one process, {@code -Xmx1g}) with a row group's settings
 * plus the run's experiment settings ({@code bench.env} K=V,K=V and {@code bench.jvm}, space-separated).
 */
final class Services {

    /** Extra environment for every service started, for experiments: {@code -Dbench.env=SPRING_THREADS_VIRTUAL_ENABLED=true}. */
    static final Map<String, String> EXTRA_ENVIRONMENT = pairs(System.getProperty("bench.env", ""));
    /** Extra JVM options for every service started, separated by spaces, for example a flight recording. */
    static final List<String> EXTRA_JVM_OPTIONS = Arrays.stream(System.getProperty("bench.jvm", "").split(" "))
            .map(String::trim).filter(option -> !option.isEmpty()).toList();

    private Services() {
    }

    static LocalCluster start(Path work, String name, Map<String, String> settings) throws Exception {
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx1g"));
        jvmOptions.addAll(EXTRA_JVM_OPTIONS);
        Map<String, String> environment = new HashMap<>(settings);
        environment.putAll(EXTRA_ENVIRONMENT);
        return LocalCluster.start(1, Path.of(Simulations.property("bench.appJar")), LocalCluster.freeConsecutivePorts(1),
                work.resolve("service-" + name), jvmOptions, environment);
    }

    /** The report's note on bench.env / bench.jvm, or null when neither was given. */
    static String experimentNote() {
        if (EXTRA_ENVIRONMENT.isEmpty() && EXTRA_JVM_OPTIONS.isEmpty()) {
            return null;
        }
        return "Every service of this run also had the environment " + EXTRA_ENVIRONMENT + " and the JVM options "
                + EXTRA_JVM_OPTIONS + " (bench.env, bench.jvm).";
    }

    static String describeEnvironment(String loadGenerator) {
        Runtime runtime = Runtime.getRuntime();
        return "Machine: " + runtime.availableProcessors() + " cores, Java " + Runtime.version()
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + ". The service (one process, default settings: Hikari pool 20, Tomcat 200 threads), PostgreSQL, Redis "
                + "and the load generator (" + loadGenerator + ") share this machine, so every figure includes their "
                + "competition for the same cores.";
    }

    private static Map<String, String> pairs(String text) {
        Map<String, String> pairs = new HashMap<>();
        for (String pair : text.split(",")) {
            if (!pair.isBlank()) {
                int equals = pair.indexOf('=');
                if (equals < 1) {
                    throw new IllegalArgumentException("bench.env wants K=V pairs separated by commas, got: " + pair);
                }
                pairs.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
        return pairs;
    }
}
