package dev.commerce.coupon.adapter.out.breaker;

import dev.commerce.coupon.adapter.CouponProperties;
import dev.commerce.coupon.application.port.CouponLock;
import dev.commerce.coupon.application.port.OneStepIssue;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The Redis circuit breaker of the {@code lock} and {@code atomic} strategies: one Resilience4j
 * breaker ({@code couponLockCircuitBreaker}) and the decorator that puts it around the strategy's
 * Redis adapter, with the PostgreSQL adapter as fallback. The decorators know both only by port
 * type and bean name ({@code redissonCouponLock} / {@code postgresAdvisoryCouponLock},
 * {@code redisScriptOneStepIssue} / {@code jdbcOneStepIssue}), and are {@link Primary}, so that the
 * issuers get the decorated adapter.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${commerce.coupon.strategy:lock}'.toLowerCase() != 'conditional'")
class CouponBreakerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CouponBreakerConfiguration.class);

    @Bean
    BreakerMetrics couponBreakerMetrics(MeterRegistry registry) {
        return new BreakerMetrics(registry);
    }

    /**
     * The breaker around Redis; a bean so that operators and tests can read its state. Its meters watch
     * it where a decorator puts it to use (not with {@code lock.type=database}, where it guards nothing).
     */
    @Bean
    CircuitBreaker couponLockCircuitBreaker(CouponProperties properties) {
        CouponProperties.Breaker breaker = properties.lock().breaker();
        return CircuitBreaker.of("coupon-lock", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindowSize())
                .minimumNumberOfCalls(breaker.minimumNumberOfCalls())
                .failureRateThreshold(breaker.failureRateThreshold())
                .waitDurationInOpenState(breaker.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(breaker.permittedCallsInHalfOpenState())
                .build());
    }

    /** {@code strategy=lock} with the Redisson lock: the breaker around it, the advisory lock as fallback. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "commerce.coupon.strategy", havingValue = "lock", matchIfMissing = true)
    @ConditionalOnProperty(name = "commerce.coupon.lock.type", havingValue = "redisson", matchIfMissing = true)
    static class LockBreaker {

        @Bean
        @Primary
        CouponLock circuitBreakingCouponLock(@Qualifier("redissonCouponLock") CouponLock redisson,
                @Qualifier("postgresAdvisoryCouponLock") ObjectProvider<CouponLock> database,
                CouponProperties properties, CircuitBreaker couponLockCircuitBreaker, BreakerMetrics metrics) {
            boolean fallback = properties.lock().fallback().enabled();
            log.info("Coupon lock behind the Redis circuit breaker, PostgreSQL fallback {}",
                    fallback ? "enabled" : "disabled");
            return new CircuitBreakingCouponLock(redisson, fallback ? database.getObject() : null,
                    metrics.watch(couponLockCircuitBreaker), metrics, properties.lock().retryAfter());
        }
    }

    /** {@code strategy=atomic}: the breaker around the Redis script, the conditional statement as fallback. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "commerce.coupon.strategy", havingValue = "atomic")
    static class AtomicBreaker {

        @Bean
        @Primary
        OneStepIssue circuitBreakingOneStepIssue(@Qualifier("redisScriptOneStepIssue") OneStepIssue redisScript,
                @Qualifier("jdbcOneStepIssue") ObjectProvider<OneStepIssue> conditional, CouponProperties properties,
                CircuitBreaker couponLockCircuitBreaker, BreakerMetrics metrics) {
            boolean fallback = properties.lock().fallback().enabled();
            log.info("Coupon Redis script behind the Redis circuit breaker, PostgreSQL conditional fallback {}",
                    fallback ? "enabled" : "disabled");
            return new CircuitBreakingOneStepIssue(redisScript, fallback ? conditional.getObject() : null,
                    metrics.watch(couponLockCircuitBreaker), metrics, properties.lock().retryAfter());
        }
    }
}
