package dev.commerce.fullstack.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Real Redis topologies for the tests, made of Debian's {@code redis-server} processes on free
 * 127.0.0.1 ports in a temporary folder: a Cluster ({@link #cluster}: masters with one replica each,
 * {@code cluster-node-timeout} {@value #CLUSTER_NODE_TIMEOUT_MS} ms) or a Sentinel group
 * ({@link #sentinel}: a master, replicas and three sentinels, {@code down-after-milliseconds}
 * {@value #SENTINEL_DOWN_AFTER_MS}). It kills a node (SIGKILL), tells which master holds a key, and
 * waits, bounded, for the promotion of a replica. {@link #close()} kills every process it started
 * and deletes the folder; a JVM shutdown hook does the same for a test that never got to close it.
 *
 * <p>Without {@code redis-server} and {@code redis-cli} on the PATH it throws (the tests fail, they
 * are never skipped): install Debian's {@code redis-server} ({@code .ci/run} does).
 */
final class RedisTopology implements AutoCloseable {

    static final String SENTINEL_MASTER = "mymaster";
    /**
     * Every node and sentinel requires this password (as production Redis does), so the service is
     * tested with {@code spring.data.redis.password} and {@code spring.data.redis.sentinel.password}.
     */
    static final String PASSWORD = "topology-secret";
    static final int CLUSTER_NODE_TIMEOUT_MS = 1000;
    static final int SENTINEL_DOWN_AFTER_MS = 1000;
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Path directory;
    private final List<Node> nodes = new ArrayList<>();
    private final List<TcpProxy> proxies = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::close, "redis-topology-cleanup");
    private final boolean clustered;

    /** One redis-server process. */
    record Node(String role, int port, Process process) {

        String address() {
            return "127.0.0.1:" + port;
        }

        boolean alive() {
            return process.isAlive();
        }
    }

    private RedisTopology(boolean clustered) {
        requireRedisInstalled();
        this.clustered = clustered;
        try {
            this.directory = Files.createTempDirectory("redis-topology-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static void requireRedisInstalled() {
        for (String command : List.of("redis-server", "redis-cli")) {
            boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
            if (!found) {
                throw new IllegalStateException(command + " is not on the PATH: the Redis Sentinel and Cluster tests run"
                        + " real Redis processes. Install Debian's redis-server (it brings redis-cli):"
                        + " apt-get install --no-install-recommends redis-server (.ci/run does it through"
                        + " infra/checks/run.sh)");
            }
        }
    }

    // ---------------------------------------------------------------- Cluster

    /** A Redis Cluster of {@code masters} masters with one replica each, all slots covered and every replica in sync. */
    static RedisTopology cluster(int masters) {
        RedisTopology topology = new RedisTopology(true);
        try {
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < masters * 2; i++) {
                int port = freePortWithBusPort();
                topology.startServer("cluster-" + i, port, """
                        cluster-enabled yes
                        cluster-config-file nodes.conf
                        cluster-node-timeout %d
                        """.formatted(CLUSTER_NODE_TIMEOUT_MS));
                addresses.add("127.0.0.1:" + port);
            }
            List<String> create = new ArrayList<>(List.of("--cluster", "create"));
            create.addAll(addresses);
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            String created = cli(Duration.ofSeconds(60), create);
            if (!created.contains("All 16384 slots covered")) {
                throw new IllegalStateException("redis-cli --cluster create failed:\n" + created);
            }
            topology.awaitClusterHealthy(masters, STARTUP);
            return topology;
        } catch (RuntimeException | Error e) {
            topology.close();
            throw e;
        }
    }

    /** {@code spring.data.redis.cluster.nodes}: every node's address. */
    Map<String, Object> clusterProperties() {
        return Map.of("spring.data.redis.cluster.nodes",
                nodes.stream().map(Node::address).collect(Collectors.joining(",")),
                "spring.data.redis.password", PASSWORD);
    }

    /** The live master that serves {@code key}'s slot, as the live nodes see the cluster now. */
    Node clusterMasterOf(String key) {
        Node asked = anyLive();
        int slot = Integer.parseInt(cli(asked.port(), "CLUSTER", "KEYSLOT", key).trim());
        for (String line : cli(asked.port(), "CLUSTER", "NODES").split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String[] range = fields[i].split("-");
                if (range[0].startsWith("[")) {
                    continue; // a slot being migrated
                }
                int low = Integer.parseInt(range[0]);
                int high = range.length > 1 ? Integer.parseInt(range[1]) : low;
                if (slot >= low && slot <= high) {
                    int port = Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
                    return node(port);
                }
            }
        }
        throw new IllegalStateException("no live master serves slot " + slot + " of " + key);
    }

    /**
     * Waits until a replica has taken over from {@code killed} (a live node serves its slots) and
     * every live node reports {@code cluster_state:ok}.
     */
    void awaitClusterFailover(Node killed, String key, Duration within) {
        awaitUntil(() -> {
            try {
                Node master = clusterMasterOf(key);
                return master.port() != killed.port() && master.alive() && nodes.stream().filter(Node::alive)
                        .allMatch(node -> cli(node.port(), "CLUSTER", "INFO").contains("cluster_state:ok"));
            } catch (RuntimeException e) {
                return false;
            }
        }, "a replica took over from master " + killed.address() + " and the cluster is ok", within);
    }

    private void awaitClusterHealthy(int masters, Duration within) {
        awaitUntil(() -> nodes.stream().allMatch(node -> {
            String info = cli(node.port(), "CLUSTER", "INFO");
            return info.contains("cluster_state:ok") && info.contains("cluster_slots_ok:16384")
                    && info.contains("cluster_known_nodes:" + masters * 2);
        }) && nodes.stream().map(node -> cli(node.port(), "INFO", "replication"))
                .filter(info -> info.contains("role:slave"))
                .filter(info -> info.contains("master_link_status:up") && !info.contains("master_sync_in_progress:1"))
                .count() == masters, "the cluster is ok with every replica in sync", within);
    }

    // ---------------------------------------------------------------- Sentinel

    /**
     * A Sentinel group watching {@value #SENTINEL_MASTER}: a master, {@code replicas} replicas and
     * three sentinels (quorum 2). With {@code proxiedReplica}, the master is reached (by the
     * sentinels, the replicas and the clients alike) through a {@link TcpProxy}
     * ({@link #replicaProxy()}), and one more replica is the only one Sentinel may promote (the
     * others get {@code replica-priority 0}): freezing the proxy stops that replica's replication
     * link only, so the promoted replica misses writes the master acknowledged.
     */
    static RedisTopology sentinel(int replicas, boolean proxiedReplica) {
        RedisTopology topology = new RedisTopology(false);
        try {
            int masterPort = freePort();
            topology.startServer("master", masterPort, "");
            // with a proxied replica, everyone reaches the master through the proxy (Sentinel would
            // otherwise "fix" a replica that names another master address); only that replica's
            // replication link is frozen by the proxy
            int monitoredPort = masterPort;
            if (proxiedReplica) {
                TcpProxy proxy = TcpProxy.start(masterPort);
                topology.proxies.add(proxy);
                monitoredPort = proxy.port();
            }
            for (int i = 0; i < replicas; i++) {
                topology.startServer("replica-" + i, freePort(), "replicaof 127.0.0.1 %d\n%s".formatted(monitoredPort,
                        proxiedReplica ? "replica-priority 0\n" : ""));
            }
            if (proxiedReplica) {
                int port = freePort();
                topology.replicaProxy().freezeOnly(port);
                topology.startServer("replica-proxied", port, "replicaof 127.0.0.1 %d\n".formatted(monitoredPort));
            }
            int expectedReplicas = replicas + (proxiedReplica ? 1 : 0);
            topology.awaitUntil(() -> topology.replicasInSync() == expectedReplicas,
                    expectedReplicas + " replicas in sync with the master", STARTUP);
            for (int i = 0; i < 3; i++) {
                topology.startServer("sentinel-" + i, freePort(), """
                        sentinel monitor %s 127.0.0.1 %d 2
                        sentinel down-after-milliseconds %s %d
                        sentinel failover-timeout %s 5000
                        sentinel parallel-syncs %s 1
                        sentinel auth-pass %s %s
                        sentinel sentinel-pass %s
                        """.formatted(SENTINEL_MASTER, monitoredPort, SENTINEL_MASTER, SENTINEL_DOWN_AFTER_MS,
                        SENTINEL_MASTER, SENTINEL_MASTER, SENTINEL_MASTER, PASSWORD, PASSWORD), "--sentinel");
            }
            topology.awaitUntil(() -> topology.sentinels().allMatch(sentinel -> {
                String master = cli(sentinel.port(), "SENTINEL", "MASTER", SENTINEL_MASTER);
                return field(master, "num-slaves").equals(String.valueOf(expectedReplicas))
                        && field(master, "num-other-sentinels").equals("2");
            }), "every sentinel knows the master, its replicas and the other sentinels", STARTUP);
            return topology;
        } catch (RuntimeException | Error e) {
            topology.close();
            throw e;
        }
    }

    /** {@code spring.data.redis.sentinel.master} and {@code .nodes}: the sentinels' addresses. */
    Map<String, Object> sentinelProperties() {
        return Map.of("spring.data.redis.sentinel.master", SENTINEL_MASTER,
                "spring.data.redis.sentinel.nodes", sentinels().map(Node::address).collect(Collectors.joining(",")),
                "spring.data.redis.password", PASSWORD,
                "spring.data.redis.sentinel.password", PASSWORD);
    }

    /** The master as the sentinels name it now ({@code SENTINEL get-master-addr-by-name}). */
    Node sentinelMaster() {
        Node sentinel = sentinels().filter(Node::alive).findFirst().orElseThrow();
        String[] address = cli(sentinel.port(), "SENTINEL", "get-master-addr-by-name", SENTINEL_MASTER).trim().split("\n");
        int port = Integer.parseInt(address[1].trim());
        boolean proxied = proxies.stream().anyMatch(proxy -> proxy.port() == port);
        return proxied ? nodes.stream().filter(node -> node.role().equals("master")).findFirst().orElseThrow() : node(port);
    }

    /** Waits until the sentinels name a live master other than {@code killed} and it answers as a master. */
    void awaitSentinelFailover(Node killed, Duration within) {
        awaitUntil(() -> {
            try {
                Node master = sentinelMaster();
                return master.port() != killed.port() && master.alive()
                        && cli(master.port(), "INFO", "replication").contains("role:master");
            } catch (RuntimeException e) {
                return false;
            }
        }, "the sentinels promoted a replica of " + killed.address(), within);
    }

    /** The proxy between the proxied replica and the master ({@link #sentinel}{@code (n, true)}). */
    TcpProxy replicaProxy() {
        return proxies.getFirst();
    }

    /** The replica behind {@link #replicaProxy()}. */
    Node proxiedReplica() {
        return nodes.stream().filter(node -> node.role().equals("replica-proxied")).findFirst().orElseThrow();
    }

    private long replicasInSync() {
        return nodes.stream().filter(node -> node.role().startsWith("replica")).filter(Node::alive)
                .map(node -> cli(node.port(), "INFO", "replication"))
                .filter(info -> info.contains("master_link_status:up") && !info.contains("master_sync_in_progress:1"))
                .count();
    }

    private Stream<Node> sentinels() {
        return nodes.stream().filter(node -> node.role().startsWith("sentinel"));
    }

    // ---------------------------------------------------------------- both

    /** Kills {@code node} with SIGKILL (no shutdown, no save) and waits until it is gone. */
    void kill(Node node) {
        node.process().destroyForcibly();
        try {
            if (!node.process().waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server " + node.address() + " did not die within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills every Redis node (data servers; sentinels too): the topology is gone. */
    void killAll() {
        nodes.forEach(this::kill);
    }

    /** {@code redis-cli -p port args...}: its output. */
    static String cli(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("-p", String.valueOf(port)));
        command.addAll(Arrays.asList(args));
        return cli(Duration.ofSeconds(10), command);
    }

    private static String cli(Duration timeout, List<String> args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-a", PASSWORD, "--no-auth-warning"));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("redis-cli " + args + " did not finish within " + timeout);
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A {@code name:value} line of INFO-like output, or a field of a SENTINEL MASTER reply (name, value lines). */
    static String field(String output, String name) {
        List<String> lines = output.lines().map(String::trim).toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(name + ":")) {
                return lines.get(i).substring(name.length() + 1);
            }
            if (lines.get(i).equals(name) && i + 1 < lines.size()) {
                return lines.get(i + 1);
            }
        }
        return "";
    }

    Node node(int port) {
        return nodes.stream().filter(node -> node.port() == port).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of this topology on port " + port));
    }

    List<Node> nodes() {
        return List.copyOf(nodes);
    }

    private Node anyLive() {
        return nodes.stream().filter(Node::alive).findFirst().orElseThrow(() -> new IllegalStateException("no live node"));
    }

    /** A description of every node (role, port, alive), for failure messages. */
    String describe() {
        return nodes.stream().map(node -> node.role() + "@" + node.port() + (node.alive() ? "" : "(dead)"))
                .collect(Collectors.joining(", ", clustered ? "cluster[" : "sentinel[", "]"));
    }

    private void startServer(String role, int port, String extraConfig, String... flags) {
        Path dir = directory.resolve(role);
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("redis.conf");
            Files.writeString(config, """
                    port %d
                    bind 127.0.0.1
                    protected-mode no
                    daemonize no
                    dir %s
                    logfile %s
                    save ""
                    appendonly no
                    requirepass %s
                    %s%s""".formatted(port, dir, dir.resolve("redis.log"), PASSWORD,
                    Arrays.asList(flags).contains("--sentinel") ? "" : "masterauth " + PASSWORD + "\n", extraConfig));
            List<String> command = new ArrayList<>(List.of("redis-server", config.toString()));
            command.addAll(Arrays.asList(flags));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            Node node = new Node(role, port, process);
            nodes.add(node);
            awaitUntil(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server " + role + " on port " + port + " exited: "
                            + readQuietly(dir.resolve("redis.log")) + readQuietly(dir.resolve("stdout.log")));
                }
                return cli(port, "PING").trim().equals("PONG");
            }, "redis-server " + role + " answers on port " + port, STARTUP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitUntil(BooleanSupplier condition, String what, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + within + ": " + what + " (" + describe() + ")");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port whose cluster bus port (port + 10000) is free too. */
    private static int freePortWithBusPort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 55_000);
            try (ServerSocket client = new ServerSocket(port); ServerSocket bus = new ServerSocket(port + 10_000)) {
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free port pair (port, port + 10000) found");
    }

    /** Kills every process, closes the proxies and deletes the folder. Safe to call more than once. */
    @Override
    public synchronized void close() {
        for (Node node : nodes) {
            node.process().destroyForcibly();
        }
        for (Node node : nodes) {
            try {
                node.process().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        proxies.forEach(TcpProxy::close);
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
        }
        if (directory != null && Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temp folder left behind is harmless
            }
        }
    }

    /** Properties merged in order (later wins), for building a context's command line. */
    static Map<String, Object> merge(Map<String, Object> first, Map<String, Object> second) {
        Map<String, Object> merged = new LinkedHashMap<>(first);
        merged.putAll(second);
        return merged;
    }

    /** The topology's own log of a node, for failure messages. */
    Optional<String> log(Node node) {
        return Optional.of(readQuietly(directory.resolve(node.role()).resolve("redis.log")));
    }
}
