package dev.commerce.coupon.adapter.out.lock;

import dev.commerce.coupon.adapter.CouponProperties;
import dev.commerce.coupon.application.port.CouponLock;
import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code commerce.coupon.strategy=lock} (the default): the PostgreSQL advisory lock, always (alone
 * with {@code commerce.coupon.lock.type=database}, else the Redisson lock's fallback with its own
 * wait time), and the Redisson fenced lock with {@code lock.type=redisson} (the default), which the
 * breaker package wraps.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "commerce.coupon.strategy", havingValue = "lock", matchIfMissing = true)
class CouponLockConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CouponLockConfiguration.class);

    @Bean
    LockMetrics couponLockMetrics(MeterRegistry registry, CouponProperties properties) {
        return new LockMetrics(registry, properties.lock().slowWaitThreshold());
    }

    @Bean
    CouponLock postgresAdvisoryCouponLock(CouponProperties properties, PlatformTransactionManager transactionManager,
            JdbcClient jdbc, LockMetrics metrics) {
        CouponProperties.Lock lock = properties.lock();
        boolean alone = lock.type() == CouponProperties.LockType.DATABASE;
        if (alone) {
            log.info("Coupon strategy: lock; PostgreSQL advisory lock (commerce.coupon.lock.type=database)");
        }
        return new PostgresAdvisoryCouponLock(transactionManager, jdbc,
                alone ? lock.waitTime() : lock.fallback().waitTime(), lock.retryAfter(), metrics);
    }

    @Bean
    @ConditionalOnProperty(name = "commerce.coupon.lock.type", havingValue = "redisson", matchIfMissing = true)
    CouponLock redissonCouponLock(CouponProperties properties, PlatformTransactionManager transactionManager,
            JdbcClient jdbc, LockMetrics metrics, ObjectProvider<RedissonClient> redisson) {
        CouponProperties.Lock lock = properties.lock();
        log.info("Coupon strategy: lock; Redisson fenced lock (hand-over limit {})", lock.handoverLimit());
        return new RedissonCouponLock(redisson.getObject(), transactionManager, jdbc, lock.waitTime(),
                lock.leaseTime(), lock.retryAfter(), lock.handoverLimit(), metrics);
    }
}
