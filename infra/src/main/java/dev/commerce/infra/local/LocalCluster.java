package dev.commerce.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Several instances of the packaged service on consecutive ports, sharing one PostgreSQL and one
 * Redis: those named by {@code SPRING_DATASOURCE_URL} / {@code SPRING_DATA_REDIS_URL}, or servers
 * started here (Testcontainers or embedded). Used by {@code infra/cluster.sh} and by tests; what it
 * started, it stops.
 */
public final class LocalCluster implements AutoCloseable {

    /** Listen ports are chosen from here up to the ephemeral range. */
    private static final int LOWEST_LISTEN_PORT = 20_000;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final List<Process> processes;
    private final List<String> urls;
    private final Map<String, String> environment;

    private LocalCluster(List<Process> processes, List<String> urls, Map<String, String> environment) {
        this.processes = processes;
        this.urls = urls;
        this.environment = environment;
    }

    /**
     * Starts {@code instances} processes of {@code jar} on ports {@code firstPort},
     * {@code firstPort + 1}, ... and waits until each reports healthy.
     *
     * @param logDirectory where each instance's output goes ({@code instance-<port>.log})
     * @param jvmOptions   options for each instance's JVM, for example {@code -Xmx384m}
     */
    public static LocalCluster start(int instances, Path jar, int firstPort, Path logDirectory, List<String> jvmOptions)
            throws IOException {
        return start(instances, jar, firstPort, logDirectory, jvmOptions, Map.of());
    }

    /** As above, with settings for every instance, as environment variables (for example a strategy). */
    public static LocalCluster start(int instances, Path jar, int firstPort, Path logDirectory, List<String> jvmOptions,
            Map<String, String> settings) throws IOException {
        Map<String, String> environment = sharedEnvironment();
        Files.createDirectories(logDirectory);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> processes = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        LocalCluster cluster = new LocalCluster(processes, urls, environment);
        try {
            for (int i = 0; i < instances; i++) {
                int port = firstPort + i;
                List<String> command = new ArrayList<>();
                command.add(java);
                command.addAll(jvmOptions);
                command.addAll(List.of("-jar", jar.toString()));
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(logDirectory.resolve("instance-" + port + ".log").toFile());
                builder.environment().putAll(environment);
                builder.environment().putAll(settings);
                builder.environment().put("SERVER_PORT", Integer.toString(port));
                builder.environment().put("COMMERCE_INFRA_MODE", "none");
                processes.add(builder.start());
                urls.add("http://127.0.0.1:" + port);
            }
            for (int i = 0; i < instances; i++) {
                awaitHealthy(processes.get(i), urls.get(i));
            }
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Base URLs of the instances, in port order. */
    public List<String> urls() {
        return List.copyOf(urls);
    }

    /** Process ids of the instances, in port order (for reading their CPU time). */
    public List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    /** The database and Redis the instances share, as environment variables. */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    /**
     * Kills the instance at {@code index} at once (SIGKILL, as a crash would): no shutdown hook
     * runs, its open connections simply drop. For fault tests.
     */
    public void kill(int index) throws InterruptedException {
        Process process = processes.get(index);
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("instance " + urls.get(index) + " still running after kill");
        }
    }

    /** Stops every instance (gracefully, then forcibly after 30 s). The shared servers stay up. */
    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /**
     * The PostgreSQL and Redis instances share, as the environment variables Spring Boot reads:
     * those this process was given, or servers started for this JVM.
     */
    public static Map<String, String> sharedEnvironment() {
        Map<String, String> environment = new HashMap<>();
        String url = System.getenv("SPRING_DATASOURCE_URL");
        if (url != null) {
            environment.put("SPRING_DATASOURCE_URL", url);
            copy("SPRING_DATASOURCE_USERNAME", environment);
            copy("SPRING_DATASOURCE_PASSWORD", environment);
        } else {
            Map<String, Object> postgres = LocalInfrastructure.postgres(mode()).properties();
            environment.put("SPRING_DATASOURCE_URL", postgres.get("spring.datasource.url").toString());
            environment.put("SPRING_DATASOURCE_USERNAME", postgres.get("spring.datasource.username").toString());
            environment.put("SPRING_DATASOURCE_PASSWORD", postgres.get("spring.datasource.password").toString());
        }
        String redis = System.getenv("SPRING_DATA_REDIS_URL");
        environment.put("SPRING_DATA_REDIS_URL", redis != null ? redis
                : LocalInfrastructure.redis(mode()).properties().get("spring.data.redis.url").toString());
        return environment;
    }

    /**
     * The first of {@code count} consecutive free loopback ports, below the kernel's ephemeral range. A port
     * inside that range can be free when probed and taken a moment later as the local port of an outgoing
     * connection (an instance starting beside it opens dozens to Redis and PostgreSQL): seen as "Port ... was
     * already in use" in {@code MultiInstanceIT}. Ports below the range are only ever taken by listeners.
     */
    public static int freeConsecutivePorts(int count) {
        int ceiling = ephemeralRangeStart() - count;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ceiling > LOWEST_LISTEN_PORT ? random.nextInt(LOWEST_LISTEN_PORT, ceiling) : freePort();
            if (first + count < 65_535 && allFree(first, count)) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports");
    }

    /** The first port the kernel hands out to outgoing connections (Linux default 32768). */
    private static int ephemeralRangeStart() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim()
                    .split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                // free
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InfrastructureMode mode() {
        String mode = System.getenv("COMMERCE_INFRA_MODE");
        return mode == null ? InfrastructureMode.AUTO : InfrastructureMode.parse(mode);
    }

    private static void copy(String variable, Map<String, String> environment) {
        String value = System.getenv(variable);
        if (value != null) {
            environment.put(variable, value);
        }
    }

    private static void awaitHealthy(Process process, String url) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("instance " + url + " exited with " + process.exitValue() + " while starting");
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("instance " + url + " not healthy within " + START_TIMEOUT);
    }

    /**
     * {@code LocalCluster <instances> <first-port> <app-jar> [log-dir]}: starts the cluster, prints the
     * URLs, and runs until interrupted (Ctrl-C or SIGTERM), then stops all it started.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LocalCluster <instances> <first-port> <app-jar> [log-dir]");
            System.exit(2);
        }
        int instances = Integer.parseInt(args[0]);
        int firstPort = Integer.parseInt(args[1]);
        Path jar = Path.of(args[2]);
        Path logs = Path.of(args.length > 3 ? args[3] : "target/cluster");
        CountDownLatch stopped = new CountDownLatch(1);
        LocalCluster cluster = start(instances, jar, firstPort, logs, List.of("-Xmx512m"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping " + instances + " instances and the servers started for them ...");
            cluster.close();
            LocalInfrastructure.stopAll();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "cluster-shutdown"));
        System.out.println("PostgreSQL: " + cluster.environment().get("SPRING_DATASOURCE_URL"));
        System.out.println("Redis:      " + cluster.environment().get("SPRING_DATA_REDIS_URL"));
        cluster.urls().forEach(url -> System.out.println("Instance:   " + url + "  (logs in " + logs + ")"));
        System.out.println("Tokens:     curl -s -X POST '" + cluster.urls().get(0) + "/local/tokens?userId=42'"
                + "  (a buyer and an administrator; valid on every instance, which share the local issuer key)");
        System.out.println("Running; press Ctrl-C to stop everything.");
        stopped.await();
    }
}
