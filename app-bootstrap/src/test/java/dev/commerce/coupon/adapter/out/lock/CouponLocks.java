package dev.commerce.coupon.adapter.out.lock;

import dev.commerce.coupon.application.port.CouponLock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.redisson.api.RedissonClient;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The lock strategy's adapters, built for the tests of other packages that play several instances
 * (one adapter per instance): it lives in the adapter's package, so the adapters stay package-private.
 * Each adapter meters into a registry of its own; a retry-after of one second.
 */
public final class CouponLocks {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    /** Consecutive local holds per Redis acquisition, as configured by default. */
    private static final int HANDOVER_LIMIT = 32;

    private CouponLocks() {
    }

    /** A Redisson fenced lock, as one instance of the service holds it. */
    public static CouponLock redisson(RedissonClient redisson, PlatformTransactionManager transactionManager,
            JdbcClient jdbc, Duration waitTime, Duration leaseTime) {
        return new RedissonCouponLock(redisson, transactionManager, jdbc, waitTime, leaseTime, RETRY_AFTER,
                HANDOVER_LIMIT, metrics());
    }

    /**
     * The Redisson lock as the running instance {@code context} builds it (its Redis client,
     * transactions and lock meters), with the given times and hand-over limit.
     */
    public static CouponLock redisson(ApplicationContext context, Duration waitTime, Duration leaseTime,
            int handoverLimit) {
        return new RedissonCouponLock(context.getBean(RedissonClient.class),
                context.getBean(PlatformTransactionManager.class), context.getBean(JdbcClient.class), waitTime,
                leaseTime, RETRY_AFTER, handoverLimit, context.getBean(LockMetrics.class));
    }

    /** A PostgreSQL advisory lock, as one instance of the service holds it. */
    public static CouponLock postgresAdvisory(PlatformTransactionManager transactionManager, JdbcClient jdbc,
            Duration waitTime) {
        return new PostgresAdvisoryCouponLock(transactionManager, jdbc, waitTime, RETRY_AFTER, metrics());
    }

    private static LockMetrics metrics() {
        return new LockMetrics(new SimpleMeterRegistry(), Duration.ofSeconds(1));
    }
}
