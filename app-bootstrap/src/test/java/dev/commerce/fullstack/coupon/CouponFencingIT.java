package dev.commerce.fullstack.coupon;

import static dev.commerce.fullstack.coupon.CouponFixtures.describe;
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
import dev.commerce.fullstack.ApiClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A holder paused past its Redisson lease while another takes the lock: the database rejects the
 * paused holder's write by its older fencing token, so nothing is over-issued.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CouponFencingIT {

    private static final Duration SHORT_LEASE = Duration.ofMillis(500);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JdbcClient jdbcClient;

    @Autowired
    RedissonClient redisson;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    CouponIssuer issuer;

    @Test
    void a_holder_paused_past_its_lease_cannot_write_after_the_next_holder() throws Exception {
        String coupon = newCoupon(new ApiClient(port), 10);
        // the real Redisson adapter, with a lease short enough to run out while A is paused; one
        // adapter per holder, as two instances of the service would have
        CouponLock lock = CouponLocks.redisson(redisson, transactionManager, jdbcClient, Duration.ofSeconds(10),
                SHORT_LEASE);
        CouponLock otherInstance = CouponLocks.redisson(redisson, transactionManager, jdbcClient,
                Duration.ofSeconds(10), SHORT_LEASE);
        AtomicLong tokenA = new AtomicLong();
        AtomicLong tokenB = new AtomicLong();
        CountDownLatch aHolds = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);

        CompletableFuture<IssuedCouponView> a = new CompletableFuture<>();
        Thread.ofPlatform().name("holder-A").start(() -> {
            try {
                a.complete(lock.withCouponLocked(coupon, token -> {
                    tokenA.set(token.value());
                    aHolds.countDown();
                    await(bDone); // paused well past its lease
                    return issuer.issueHolding(token, new IssueCouponCommand(coupon, 1));
                }));
            } catch (Throwable e) {
                a.completeExceptionally(e);
            }
        });
        assertThat(aHolds.await(30, TimeUnit.SECONDS)).isTrue();

        // B waits for A's lease to run out, takes the lock with a newer token, and issues.
        IssuedCouponView b = otherInstance.withCouponLocked(coupon, token -> {
            tokenB.set(token.value());
            return issuer.issueHolding(token, new IssueCouponCommand(coupon, 2));
        });
        bDone.countDown();

        Throwable failureOfA = null;
        try {
            a.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            failureOfA = e.getCause();
        }
        long[] truth = truth(jdbc, coupon);
        long storedFence = jdbc.queryForObject("select fence_token from coupon.coupon where id = ?", Long.class, coupon);
        System.out.println("[CouponFencingIT] token A=" + tokenA + ", token B=" + tokenB + ", A's write: "
                + failureOfA + "; database " + describe(truth) + ", fence_token=" + storedFence);

        assertThat(b.userId()).isEqualTo(2);
        assertThat(tokenB.get()).isGreaterThan(tokenA.get());
        assertThat(failureOfA).isInstanceOfSatisfying(CouponException.class,
                e -> assertThat(e.code()).isEqualTo(CouponErrorCode.LOCK_UNAVAILABLE));
        assertThat(truth).containsExactly(1, 1, 1);
        assertThat(jdbc.queryForObject("select user_id from coupon.issued_coupon where coupon_id = ?", Long.class,
                coupon)).isEqualTo(2);
        assertThat(storedFence).isEqualTo(tokenB.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
