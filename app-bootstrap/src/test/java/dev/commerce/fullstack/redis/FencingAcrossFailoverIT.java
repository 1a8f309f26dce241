package dev.commerce.fullstack.redis;

import static dev.commerce.fullstack.coupon.CouponFixtures.describe;
import static dev.commerce.fullstack.coupon.CouponFixtures.issue;
import static dev.commerce.fullstack.coupon.CouponFixtures.newCoupon;
import static dev.commerce.fullstack.coupon.CouponFixtures.truth;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.coupon.CouponErrorCode;
import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.IssueCouponCommand;
import dev.commerce.coupon.IssuedCouponView;
import dev.commerce.coupon.adapter.out.lock.CouponLocks;
import dev.commerce.coupon.application.CouponIssuer;
import dev.commerce.coupon.application.port.CouponLock;
import dev.commerce.infra.check.InvariantChecker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A coupon lock granted twice across a Sentinel failover, made deterministic: the replica Sentinel
 * will promote reaches the master through a {@link TcpProxy}; the only other replica is in sync but
 * may never be promoted ({@code replica-priority 0}), so Redisson's {@code WAIT} after the lock
 * script is satisfied by it. With the proxy frozen, holder A (instance A's real
 * {@code RedissonCouponLock}) takes the coupon's lock: master and the in-sync replica have it, the
 * replica to be promoted has neither the lock nor the token counter's increment. The master is
 * killed; Sentinel promotes that replica; holder B (instance B's own adapter and Redisson client)
 * takes the same lock while A still holds it: granted twice. Then A writes.
 *
 * <p>What it shows: Redisson's token counter lives in Redis beside the lock and was lost with it,
 * so B's tokens start again from the replicated counter: B's token equals A's unless B's failed
 * attempts during the switch-over (each runs the lock script, so increments the counter) moved it
 * on. Either way the fenced UPDATE refuses A's late write: a newer token by its number, the same
 * number because another acquisition wrote it ({@code fence_holder}, the acquisition that wrote
 * the stored token: an equal token is accepted only from it, i.e. within one acquisition's local
 * hand-over chain). The count is saved by the fence, not by the row's other conditions (B's and A's
 * copies are for different users and the coupon has copies left). The printed report says which
 * case happened; docs/operations.md ("Redis failover") what it means.
 */
class FencingAcrossFailoverIT {

    private static final AtomicLong USERS = new AtomicLong(50_000_000);
    /** A holds across the failover: its lease must not run out meanwhile (on the old master, where it exists). */
    private static final Duration LONG_LEASE = Duration.ofSeconds(60);
    /**
     * B's lease: an attempt of B that Redisson reports failed after the script ran ("None of slaves
     * were synced" while the surviving replica resyncs with the new master) leaves the lock held for
     * this long; B's next attempt waits it out.
     */
    private static final Duration SHORT_LEASE = Duration.ofSeconds(3);

    @Test
    void a_lock_granted_twice_across_a_failover_is_fenced_by_the_token() throws Exception {
        try (RedisTopology sentinel = RedisTopology.sentinel(1, true);
                ServiceInstances instances = ServiceInstances.start(2, sentinel.sentinelProperties())) {
            JdbcTemplate jdbc = instances.jdbc();
            String coupon = newCoupon(instances.client(0), 10);
            long firstUser = USERS.getAndAdd(10);
            // one copy issued the normal way: the stored fence and the lock's token counter exist and
            // every replica has the counter
            assertThat(issue(instances.client(0), coupon, firstUser).status()).isEqualTo(201);
            long fenceBefore = storedFence(jdbc, coupon);
            String counterKey = "redisson_lock_token:{coupon:lock:" + coupon + "}";
            RedisTopology.Node master = sentinel.sentinelMaster();
            sentinel.awaitUntil(() -> RedisTopology.cli(sentinel.proxiedReplica().port(), "GET", counterKey).trim()
                    .equals(String.valueOf(fenceBefore)), "the proxied replica has the token counter", Duration.ofSeconds(10));

            sentinel.replicaProxy().freeze();
            CouponLock lockOfA = lock(instances.context(0), LONG_LEASE);
            CouponLock lockOfB = lock(instances.context(1), SHORT_LEASE);
            CouponIssuer issuerOfA = instances.context(0).getBean(CouponIssuer.class);
            CouponIssuer issuerOfB = instances.context(1).getBean(CouponIssuer.class);
            AtomicLong tokenA = new AtomicLong();
            CountDownLatch aHolds = new CountDownLatch(1);
            CountDownLatch bDone = new CountDownLatch(1);
            CompletableFuture<IssuedCouponView> a = new CompletableFuture<>();
            Thread.ofPlatform().name("holder-A").start(() -> {
                try {
                    a.complete(lockOfA.withCouponLocked(coupon, token -> {
                        tokenA.set(token.value());
                        aHolds.countDown();
                        await(bDone); // A holds the lock across the failover and writes after B
                        return issuerOfA.issueHolding(token, new IssueCouponCommand(coupon, firstUser + 1));
                    }));
                } catch (Throwable e) {
                    a.completeExceptionally(e);
                }
            });
            assertThat(aHolds.await(30, TimeUnit.SECONDS)).as("A got the lock").isTrue();
            String lockOnMaster = RedisTopology.cli(master.port(), "EXISTS", "coupon:lock:" + coupon).trim();
            String lockOnPromotable = RedisTopology.cli(sentinel.proxiedReplica().port(), "EXISTS", "coupon:lock:" + coupon)
                    .trim();

            System.out.println("[FencingAcrossFailoverIT] A holds token " + tokenA + "; lock on the master " + lockOnMaster
                    + ", on the replica to be promoted " + lockOnPromotable + "; counter there "
                    + RedisTopology.cli(sentinel.proxiedReplica().port(), "GET", counterKey).trim());
            long killedAt = System.nanoTime();
            sentinel.kill(master);
            sentinel.awaitSentinelFailover(master, Duration.ofSeconds(30));
            long promotedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            assertThat(sentinel.sentinelMaster()).as("Sentinel promoted the replica behind the proxy")
                    .isEqualTo(sentinel.proxiedReplica());

            // B asks once its Redisson client writes to the new master and the other replica follows it
            // (Redisson WAITs for a replica after the lock script); A still holds the lock
            RedissonClient redissonOfB = instances.context(1).getBean(RedissonClient.class);
            RedisTopology.Node promoted = sentinel.proxiedReplica();
            sentinel.awaitUntil(() -> {
                try {
                    redissonOfB.getBucket("failover-probe", StringCodec.INSTANCE).set("b");
                    return RedisTopology.cli(promoted.port(), "GET", "failover-probe").trim().equals("b")
                            && RedisTopology.field(RedisTopology.cli(promoted.port(), "INFO", "replication"),
                            "connected_slaves").equals("1");
                } catch (RuntimeException e) {
                    return false;
                }
            }, "instance B's Redisson writes to the promoted replica, which has a replica again", Duration.ofSeconds(30));
            AtomicLong tokenB = new AtomicLong();
            IssuedCouponView b = null;
            int attemptsOfB = 0;
            String firstRefusalOfB = "none";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (b == null) {
                attemptsOfB++;
                try {
                    b = lockOfB.withCouponLocked(coupon, token -> {
                        tokenB.set(token.value());
                        return issuerOfB.issueHolding(token, new IssueCouponCommand(coupon, firstUser + 2));
                    });
                } catch (RuntimeException e) {
                    firstRefusalOfB = attemptsOfB == 1 ? e.toString() : firstRefusalOfB;
                    System.out.println("[FencingAcrossFailoverIT] B refused: " + e + "; lock on the new master: "
                            + RedisTopology.cli(promoted.port(), "HGETALL", "coupon:lock:" + coupon).replace("\n", " ")
                            + " pttl " + RedisTopology.cli(promoted.port(), "PTTL", "coupon:lock:" + coupon).trim());
                    assertThat(System.nanoTime()).as("B got the lock within 30 s of the promotion: " + e).isLessThan(deadline);
                    Thread.sleep(100);
                }
            }
            long grantedToBMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            assertThat(a).as("A still holds the lock while B has it too").isNotDone();
            long fenceAfterB = storedFence(jdbc, coupon);
            bDone.countDown();

            Throwable failureOfA = null;
            try {
                a.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failureOfA = e.getCause();
            }
            long[] truth = truth(jdbc, coupon);
            long fenceAfterA = storedFence(jdbc, coupon);
            String report = "[FencingAcrossFailoverIT] stored fence before " + fenceBefore + "; proxy frozen; A granted"
                    + " token " + tokenA + " (lock key on the master: " + lockOnMaster + ", on the replica to be promoted: "
                    + lockOnPromotable + "); master killed, replica promoted after " + promotedMillis + " ms; B granted"
                    + " token " + tokenB + " " + grantedToBMillis + " ms after the kill (attempt " + attemptsOfB
                    + ", first refusal: " + firstRefusalOfB + ") while A held the lock; B issued, fence " + fenceAfterB + "; A's late write: "
                    + (failureOfA == null ? "ACCEPTED" : "refused " + failureOfA) + ", fence " + fenceAfterA
                    + "; database " + describe(truth);
            System.out.println(report);

            assertThat(lockOnMaster).as(report).isEqualTo("1");
            assertThat(lockOnPromotable).as(report).isEqualTo("0");
            assertThat(b.userId()).isEqualTo(firstUser + 2);
            // the token counter was lost with the lock: B's token starts again from the replicated
            // counter, so it is newer than A's only by the failed attempts of B (each increments it)
            assertThat(tokenA.get()).as(report).isEqualTo(fenceBefore + 1);
            assertThat(tokenB.get()).as(report).isGreaterThanOrEqualTo(tokenA.get());
            // newer (by number) or equal (but written by another acquisition), A's token is fenced off
            assertThat(failureOfA).as(report).isInstanceOfSatisfying(CouponException.class,
                    e -> assertThat(e.code()).isEqualTo(CouponErrorCode.LOCK_UNAVAILABLE));
            assertThat(fenceAfterA).as(report).isEqualTo(tokenB.get());
            assertThat(truth).as(report).containsExactly(2, 2, 2);
            assertThat(InvariantChecker.violations(instances.dataSource())).as(report).isEmpty();
        }
    }

    /** The instance's own Redisson lock adapter, as the service builds it, with a lease that outlives the test. */
    private static CouponLock lock(ConfigurableApplicationContext instance, Duration lease) {
        return CouponLocks.redisson(instance, Duration.ofSeconds(5), lease, 1);
    }

    private static long storedFence(JdbcTemplate jdbc, String coupon) {
        return jdbc.queryForObject("select fence_token from coupon.coupon where id = ?", Long.class, coupon);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
