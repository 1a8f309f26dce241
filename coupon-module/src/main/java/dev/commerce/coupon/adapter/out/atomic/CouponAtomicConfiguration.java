package dev.commerce.coupon.adapter.out.atomic;

import dev.commerce.coupon.adapter.CouponProperties;
import dev.commerce.coupon.application.port.ClaimRecovery;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.UUID;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code commerce.coupon.strategy=atomic}: the Redis keys and scripts, the script adapter (which the
 * breaker package wraps, with the conditional statement as fallback) and the recovery of claims left
 * unwritten.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "commerce.coupon.strategy", havingValue = "atomic")
class CouponAtomicConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CouponAtomicConfiguration.class);

    @Bean
    AtomicIssueMetrics couponAtomicMetrics(MeterRegistry registry) {
        return new AtomicIssueMetrics(registry);
    }

    @Bean
    JdbcClaimStore couponClaimStore(JdbcClient jdbc) {
        return new JdbcClaimStore(jdbc);
    }

    /**
     * The Redis keys and scripts, with this instance's name in the stream's consumer group (process,
     * host and a random part: unique per instance, also per context in one JVM).
     */
    @Bean
    RedisClaims couponRedisClaims(ObjectProvider<RedissonClient> redisson) {
        return new RedisClaims(redisson.getObject(), ManagementFactory.getRuntimeMXBean().getName() + "-"
                + UUID.randomUUID().toString().substring(0, 8));
    }

    @Bean
    RedisScriptOneStepIssue redisScriptOneStepIssue(RedisClaims couponRedisClaims, JdbcClaimStore couponClaimStore,
            CouponProperties properties, AtomicIssueMetrics metrics) {
        CouponProperties.Atomic atomic = properties.atomic();
        log.info("Coupon strategy: atomic; Redis script (consumer {}), {} claim scripts at once; copies written {}; "
                + "recovery every {} of claims idle {}", couponRedisClaims.consumer(), atomic.maxConcurrentScripts(),
                atomic.writeBatchSize() > 1 ? "up to " + atomic.writeBatchSize() + " per statement (group commit, "
                        + atomic.writeLanes() + " lanes)" : "one per statement",
                atomic.recoveryInterval(), atomic.recoveryMinIdle());
        return new RedisScriptOneStepIssue(couponRedisClaims, couponClaimStore, properties.lock().retryAfter(),
                metrics, atomic.maxConcurrentScripts(), properties.lock().waitTime(), atomic.writeBatchSize(),
                atomic.writeLanes());
    }

    @Bean
    ClaimRecovery redisStreamClaimRecovery(ObjectProvider<RedissonClient> redisson, RedisClaims couponRedisClaims,
            JdbcClaimStore couponClaimStore, CouponProperties properties, AtomicIssueMetrics metrics) {
        return new MeteredClaimRecovery(new RedisStreamClaimRecovery(redisson.getObject(), couponRedisClaims,
                couponClaimStore, properties.atomic().recoveryMinIdle(), properties.atomic().recoveryBatchSize(), metrics),
                metrics);
    }
}
