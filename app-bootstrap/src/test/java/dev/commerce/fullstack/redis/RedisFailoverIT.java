package dev.commerce.fullstack.redis;

import static dev.commerce.fullstack.coupon.CouponFixtures.describe;
import static dev.commerce.fullstack.coupon.CouponFixtures.issue;
import static dev.commerce.fullstack.coupon.CouponFixtures.newCoupon;
import static dev.commerce.fullstack.coupon.CouponFixtures.truth;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.infra.check.InvariantChecker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A Redis master failover in the middle of a coupon burst, on Sentinel and on Cluster, with two
 * instances of the service (strategy {@code lock}: the Redisson fenced lock, PostgreSQL fallback
 * behind the breaker): a steady stream of buyers (each sends twice, to both instances) is issuing
 * when the master holding the coupon lock's slot is killed (SIGKILL); Sentinel or the cluster
 * promotes its replica. No copy beyond the count and no user twice (PostgreSQL's truth), every
 * request answered, issuing resumes; afterwards the remaining copies are taken to the exact total.
 * How long from the kill to the first success, to the promotion, and what the clients saw per
 * phase are printed and appended to {@code target/redis-failover-report.txt}.
 */
class RedisFailoverIT {

    private static final AtomicLong USERS = new AtomicLong(40_000_000);
    private static final int TOTAL = 400;
    private static final int WORKERS = 16;
    private static final int ISSUED_BEFORE_KILL = 40;
    private static final Duration STREAM_AFTER_RESUMING = Duration.ofSeconds(3);
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(30);

    @Test
    void cluster_master_of_the_coupons_slot_killed_mid_burst() {
        try (RedisTopology cluster = RedisTopology.cluster(3)) {
            burstThroughFailover("cluster", cluster, cluster.clusterProperties(),
                    coupon -> cluster.clusterMasterOf(lockKey(coupon)),
                    (coupon, killed) -> cluster.awaitClusterFailover(killed, lockKey(coupon), FAILOVER_BOUND));
        }
    }

    @Test
    void sentinel_master_killed_mid_burst() {
        try (RedisTopology sentinel = RedisTopology.sentinel(2, false)) {
            burstThroughFailover("sentinel", sentinel, sentinel.sentinelProperties(), coupon -> sentinel.sentinelMaster(),
                    (coupon, killed) -> sentinel.awaitSentinelFailover(killed, FAILOVER_BOUND));
        }
    }

    /** The Redisson lock's name for a coupon (RedissonRemoteLock); its token counter hashes to the same slot. */
    private static String lockKey(String coupon) {
        return "coupon:lock:" + coupon;
    }

    private record Outcome(long sentAt, long answeredAt, long user, int instance, Response response) {
    }

    private interface Failover {

        void await(String coupon, RedisTopology.Node killed);
    }

    private void burstThroughFailover(String name, RedisTopology topology, Map<String, Object> redis,
            Function<String, RedisTopology.Node> masterOfCoupon, Failover failover) {
        try (ServiceInstances instances = ServiceInstances.start(2, redis)) {
            String coupon = newCoupon(instances.client(0), TOTAL);
            long firstUser = USERS.getAndAdd(10_000);
            AtomicLong sequence = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            long killedAt;
            long promotedAt;
            RedisTopology.Node killed;
            try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < WORKERS; w++) {
                    running.add(workers.submit(() -> {
                        while (!stop.get()) {
                            long n = sequence.getAndIncrement();
                            long user = firstUser + n / 2;            // every buyer sends twice
                            int instance = (int) (n % 2);             // to both instances
                            long sentAt = System.nanoTime();
                            Response response = issue(instances.client(instance), coupon, user);
                            outcomes.add(new Outcome(sentAt, System.nanoTime(), user, instance, response));
                            if (response.code().equals("COUPON_SOLD_OUT")) {
                                return;
                            }
                        }
                    }));
                }
                await(() -> truth(instances.jdbc(), coupon)[0] >= ISSUED_BEFORE_KILL, "the burst issued "
                        + ISSUED_BEFORE_KILL + " copies", Duration.ofSeconds(60));
                killed = masterOfCoupon.apply(coupon);
                killedAt = System.nanoTime();
                topology.kill(killed);
                failover.await(coupon, killed);
                promotedAt = System.nanoTime();
                await(() -> outcomes.stream().anyMatch(o -> o.sentAt() > promotedAt && o.response().status() == 201),
                        "a request sent after the promotion succeeded", Duration.ofSeconds(60));
                sleep(STREAM_AFTER_RESUMING);
                stop.set(true);
                for (Future<?> worker : running) {
                    worker.get(120, TimeUnit.SECONDS); // a request without an answer fails here
                }
            } catch (Exception e) {
                stop.set(true);
                throw new AssertionError("the burst failed: " + e, e);
            }
            long[] afterBurst = truth(instances.jdbc(), coupon);
            long answered201 = outcomes.stream().filter(o -> o.response().status() == 201).count();
            long usersWithTwo = outcomes.stream().filter(o -> o.response().status() == 201)
                    .collect(java.util.stream.Collectors.groupingBy(Outcome::user, java.util.stream.Collectors.counting()))
                    .values().stream().filter(count -> count > 1).count();
            Outcome firstSuccess = firstSuccess(outcomes, killedAt);
            Outcome resumed = firstSuccess(outcomes, promotedAt);
            Map<String, Long> before = phase(outcomes, Long.MIN_VALUE, killedAt);
            Map<String, Long> during = phase(outcomes, killedAt, promotedAt);
            Map<String, Long> after = phase(outcomes, promotedAt, Long.MAX_VALUE);
            long slowest = outcomes.stream().filter(o -> o.sentAt() > killedAt)
                    .mapToLong(o -> TimeUnit.NANOSECONDS.toMillis(o.answeredAt() - o.sentAt())).max().orElse(0);

            int drained = Issuing.drainUntilSoldOut(instances, coupon, USERS.getAndAdd(TOTAL + 1), TOTAL);
            long[] end = truth(instances.jdbc(), coupon);

            String report = "[RedisFailoverIT] " + name + ": killed master " + killed.address() + " (SIGKILL) after "
                    + ISSUED_BEFORE_KILL + "+ copies; promotion seen after " + millis(promotedAt - killedAt)
                    + " ms; first success of a request sent after the kill answered at +" + millis(firstSuccess.answeredAt()
                    - killedAt) + " ms (sent at +" + millis(firstSuccess.sentAt() - killedAt) + " ms), of one sent after"
                    + " the promotion at +"
                    + millis(resumed.answeredAt() - killedAt) + " ms (sent at +" + millis(resumed.sentAt() - killedAt)
                    + " ms); slowest answer to a request sent after the kill " + slowest + " ms; answers by code, by when the request was sent:"
                    + " before the kill " + before + ", kill..promotion " + during + ", after the promotion " + after
                    + "; database after the burst " + describe(afterBurst) + " (" + answered201 + " answered 201)"
                    + "; then " + drained + " more one by one until sold out: " + describe(end);
            System.out.println(report);
            appendToReport(report);

            assertThat(afterBurst[1]).as(report).isEqualTo(answered201);     // every 201 stored, every row answered 201
            assertThat(afterBurst[0]).as(report).isEqualTo(afterBurst[1]);   // the count is the rows
            assertThat(afterBurst[2]).as(report).isEqualTo(afterBurst[1]);   // no user twice
            assertThat(usersWithTwo).as(report).isZero();
            assertThat(after.getOrDefault("201 OK", 0L)).as("successes after the promotion: " + report).isPositive();
            assertThat(end).as(report).containsExactly(TOTAL, TOTAL, TOTAL);
            assertThat(InvariantChecker.violations(instances.dataSource())).as(report).isEmpty();
        }
    }

    private static Outcome firstSuccess(Queue<Outcome> outcomes, long sentAfter) {
        return outcomes.stream().filter(o -> o.sentAt() > sentAfter && o.response().status() == 201)
                .min((a, b) -> Long.compare(a.answeredAt(), b.answeredAt())).orElseThrow();
    }

    private static Map<String, Long> phase(Queue<Outcome> outcomes, long from, long to) {
        Map<String, Long> counts = new TreeMap<>();
        outcomes.stream().filter(o -> o.sentAt() > from && o.sentAt() <= to)
                .forEach(o -> counts.merge(o.response().status() + " " + o.response().code(), 1L, Long::sum));
        return counts;
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            sleep(Duration.ofMillis(20));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void appendToReport(String line) {
        try {
            Files.writeString(Path.of("target", "redis-failover-report.txt"), line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
