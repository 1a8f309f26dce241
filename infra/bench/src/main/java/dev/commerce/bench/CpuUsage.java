package dev.commerce.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the machine's CPU time went during one row: the service process, the load generator (this
 * JVM, where Gatling runs, plus the child processes that ended in between: a wrk run), the PostgreSQL and Redis server processes, and the rest of the machine (the kernel's
 * work not charged to a process, and anything else running), each per request answered. A closed
 * workload on a machine whose cores are all busy answers at most cores / (CPU time per request)
 * requests per second: that is the row's CPU ceiling, which a faster lock cannot lift; only less
 * work per request can.
 */
final class CpuUsage {

    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ of /proc/stat on Linux

    /**
     * CPU time used so far, in nanoseconds, per consumer; machine = all cores' busy time. PostgreSQL and Redis by
     * process id, since their processes come and go (a server's connection backends, another run's servers).
     */
    record Snapshot(long wallNanos, long service, long generator, Map<Long, Long> postgres, Map<Long, Long> redis,
                    long machine) {
    }

    /** One row's CPU time per request (µs), how busy the machine was, over how many requests and seconds. */
    record PerRequest(double service, double generator, double postgres, double redis, double other,
                      double busyPercent, long requests, double seconds) {

        /** The share (%) of all cores' time that a consumer's {@code microsPerRequest} took over the row. */
        double share(double microsPerRequest) {
            return 100.0 * microsPerRequest * requests
                    / (Runtime.getRuntime().availableProcessors() * seconds * 1_000_000.0);
        }

        double all() {
            return service + generator + postgres + redis + other;
        }

        /** Requests per second at which all cores would be busy at this cost per request. */
        double ceiling() {
            return Runtime.getRuntime().availableProcessors() * 1_000_000.0 / all();
        }
    }

    private CpuUsage() {
    }

    static Snapshot take(long servicePid) {
        Map<Long, Long> postgres = new HashMap<>();
        Map<Long, Long> redis = new HashMap<>();
        for (ProcessHandle process : (Iterable<ProcessHandle>) ProcessHandle.allProcesses()::iterator) {
            String command = process.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("");
            if (command.contains("postgres")) {
                postgres.put(process.pid(), cpu(process));
            } else if (command.contains("redis")) {
                redis.put(process.pid(), cpu(process));
            }
        }
        return new Snapshot(System.nanoTime(), ProcessHandle.of(servicePid).map(CpuUsage::cpu).orElse(0L),
                cpu(ProcessHandle.current()) + reapedChildrenNanos(), postgres, redis, machineBusyNanos());
    }

    /** Between two snapshots, per request answered in between; null if the machine's figures are unreadable. */
    static PerRequest between(Snapshot before, Snapshot after, long requests) {
        if (requests == 0 || after.machine() <= 0) {
            return null;
        }
        double service = micros(after.service() - before.service(), requests);
        double generator = micros(after.generator() - before.generator(), requests);
        double postgres = micros(grown(before.postgres(), after.postgres()), requests);
        double redis = micros(grown(before.redis(), after.redis()), requests);
        double machine = micros(after.machine() - before.machine(), requests);
        double other = Math.max(0, machine - service - generator - postgres - redis);
        int cores = Runtime.getRuntime().availableProcessors();
        long wall = after.wallNanos() - before.wallNanos();
        double busy = 100.0 * (after.machine() - before.machine()) / ((double) cores * wall);
        return new PerRequest(service, generator, postgres, redis, other, busy, requests, wall / 1e9);
    }

    /** CPU time the processes alive at the end used since the start (all of it for those started since). */
    private static long grown(Map<Long, Long> before, Map<Long, Long> after) {
        long grown = 0;
        for (Map.Entry<Long, Long> process : after.entrySet()) {
            grown += Math.max(0, process.getValue() - before.getOrDefault(process.getKey(), 0L));
        }
        return grown;
    }

    private static double micros(long nanos, long requests) {
        return nanos / 1000.0 / requests;
    }

    private static long cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /**
     * CPU time of this JVM's child processes that have ended and been waited for (cutime + cstime of
     * /proc/self/stat): a wrk run's whole CPU time once it has exited. 0 where /proc is not readable.
     */
    private static long reapedChildrenNanos() {
        Path stat = Path.of("/proc/self/stat");
        if (!Files.isReadable(stat)) {
            return 0;
        }
        try {
            String line = Files.readString(stat);
            // fields after the command name in parentheses, which may hold spaces: state is field 3
            String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
            long ticks = Long.parseLong(fields[16 - 3]) + Long.parseLong(fields[17 - 3]);
            return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** user + nice + system + irq + softirq + steal of all cores, from the first line of /proc/stat. */
    private static long machineBusyNanos() {
        Path stat = Path.of("/proc/stat");
        if (!Files.isReadable(stat)) {
            return 0;
        }
        try {
            String[] fields = Files.readAllLines(stat).get(0).trim().split("\\s+");
            long ticks = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                ticks += i < fields.length ? Long.parseLong(fields[i]) : 0;
            }
            return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
