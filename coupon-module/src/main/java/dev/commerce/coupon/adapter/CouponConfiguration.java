package dev.commerce.coupon.adapter;

import dev.commerce.coupon.IssueCouponUseCase;
import dev.commerce.coupon.adapter.in.scheduling.AtomicIssueRecoveryJob;
import dev.commerce.coupon.adapter.out.lock.CircuitBreakingCouponLock;
import dev.commerce.coupon.adapter.out.lock.LockMetrics;
import dev.commerce.coupon.adapter.out.lock.PostgresAdvisoryCouponLock;
import dev.commerce.coupon.adapter.out.lock.RedissonCouponLock;
import dev.commerce.coupon.adapter.out.persistence.ConditionalIssueAdapter;
import dev.commerce.coupon.adapter.out.persistence.JdbcClaimStore;
import dev.commerce.coupon.adapter.out.persistence.JdbcCouponRepository;
import dev.commerce.coupon.adapter.out.persistence.JdbcIssuedCouponRepository;
import dev.commerce.coupon.adapter.out.redis.AtomicIssueMetrics;
import dev.commerce.coupon.adapter.out.redis.AtomicIssueRecovery;
import dev.commerce.coupon.adapter.out.redis.CircuitBreakingIssuePort;
import dev.commerce.coupon.adapter.out.redis.RedisClaims;
import dev.commerce.coupon.adapter.out.redis.RedisScriptIssueAdapter;
import dev.commerce.coupon.application.CouponCatalog;
import dev.commerce.coupon.application.CouponIssuer;
import dev.commerce.coupon.application.CouponRedeemer;
import dev.commerce.coupon.application.LockFreeCouponIssuer;
import dev.commerce.coupon.application.port.CouponRepository;
import dev.commerce.coupon.application.port.IssuedCouponRepository;
import dev.commerce.coupon.application.port.LockFreeIssuePort;
import dev.commerce.coupon.application.port.LockPort;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.UUID;
import org.redisson.api.RedissonClient;
import org.redisson.config.BaseConfig;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.spring.starter.RedissonAutoConfigurationCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the coupon use cases to their adapters with explicit bean methods: the application core is
 * never component-scanned. The issuing strategy is picked by {@code commerce.coupon.strategy}
 * ({@code lock}, the default, with its lock picked by {@code commerce.coupon.lock.type}; {@code atomic};
 * {@code conditional}); exactly one {@link IssueCouponUseCase} exists.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CouponProperties.class)
public class CouponConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CouponConfiguration.class);

    private static AtomicIssueMetrics atomicMetrics(MeterRegistry registry) {
        // counters are looked up by name, so both users of it count the same meters
        return new AtomicIssueMetrics(registry);
    }

    @Bean
    CouponRepository couponRepository(JdbcClient jdbc) {
        return new JdbcCouponRepository(jdbc);
    }

    @Bean
    IssuedCouponRepository issuedCouponRepository(JdbcClient jdbc) {
        return new JdbcIssuedCouponRepository(jdbc);
    }

    @Bean
    LockMetrics couponLockMetrics(MeterRegistry registry, CouponProperties properties) {
        return new LockMetrics(registry, properties.lock().slowWaitThreshold());
    }

    /** The breaker around the Redisson lock; a bean so that operators and tests can read its state. */
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

    @Bean
    @ConditionalOnProperty(name = "commerce.coupon.strategy", havingValue = "lock", matchIfMissing = true)
    LockPort couponLockPort(CouponProperties properties, PlatformTransactionManager transactionManager,
            JdbcClient jdbc, LockMetrics metrics, CircuitBreaker couponLockCircuitBreaker,
            ObjectProvider<RedissonClient> redisson) {
        CouponProperties.Lock lock = properties.lock();
        PostgresAdvisoryCouponLock database = new PostgresAdvisoryCouponLock(transactionManager, jdbc,
                lock.type() == CouponProperties.LockType.DATABASE ? lock.waitTime() : lock.fallback().waitTime(),
                lock.retryAfter(), metrics);
        if (lock.type() == CouponProperties.LockType.DATABASE) {
            log.info("Coupon strategy: lock; PostgreSQL advisory lock (commerce.coupon.lock.type=database)");
            return database;
        }
        RedissonCouponLock redissonLock = new RedissonCouponLock(redisson.getObject(), transactionManager, jdbc,
                lock.waitTime(), lock.leaseTime(), lock.retryAfter(), lock.handoverLimit(), metrics);
        log.info("Coupon strategy: lock; Redisson fenced lock (hand-over limit {}), PostgreSQL fallback {}",
                lock.handoverLimit(), lock.fallback().enabled() ? "enabled" : "disabled");
        return new CircuitBreakingCouponLock(redissonLock, lock.fallback().enabled() ? database : null,
                couponLockCircuitBreaker, metrics, lock.retryAfter());
    }

    @Bean
    CouponCatalog couponCatalog(CouponRepository coupons, IssuedCouponRepository issuedCoupons, Clock clock) {
        return new CouponCatalog(coupons, issuedCoupons, clock);
    }

    /** Redeem and release for the order module, the same whatever the issuing strategy. */
    @Bean
    CouponRedeemer couponRedeemer(CouponRepository coupons, IssuedCouponRepository issuedCoupons) {
        return new CouponRedeemer(coupons, issuedCoupons);
    }

    @Bean
    @ConditionalOnProperty(name = "commerce.coupon.strategy", havingValue = "lock", matchIfMissing = true)
    CouponIssuer couponIssuer(CouponRepository coupons, IssuedCouponRepository issuedCoupons, LockPort couponLockPort,
            Clock clock, CouponProperties properties) {
        return new CouponIssuer(coupons, issuedCoupons, couponLockPort, clock, properties.lock().retryAfter());
    }

    /** {@code strategy=conditional}: PostgreSQL alone, one conditional statement per issue. */
    @Bean
    @ConditionalOnProperty(name = "commerce.coupon.strategy", havingValue = "conditional")
    LockFreeIssuePort conditionalIssuePort(JdbcClient jdbc) {
        log.info("Coupon strategy: conditional; one conditional UPDATE + INSERT in PostgreSQL, no lock service");
        return new ConditionalIssueAdapter(jdbc);
    }

    /**
     * {@code strategy=atomic}: the Redis keys and scripts, with this instance's name in the stream's
     * consumer group (process, host and a random part: unique per instance, also per context in one JVM).
     */
    @Bean
    @ConditionalOnProperty(name = "commerce.coupon.strategy", havingValue = "atomic")
    RedisClaims couponRedisClaims(ObjectProvider<RedissonClient> redisson) {
        return new RedisClaims(redisson.getObject(), ManagementFactory.getRuntimeMXBean().getName() + "-"
                + UUID.randomUUID().toString().substring(0, 8));
    }

    /** {@code strategy=atomic}: the Redis script; wrapped by {@link #atomicIssuePort} in the breaker. */
    @Bean
    @ConditionalOnProperty(name = "commerce.coupon.strategy", havingValue = "atomic")
    RedisScriptIssueAdapter redisScriptIssueAdapter(RedisClaims couponRedisClaims, JdbcClient jdbc,
            CouponProperties properties, MeterRegistry registry) {
        CouponProperties.Atomic atomic = properties.atomic();
        log.info("Coupon strategy atomic: {} claim scripts at once; copies written {}", atomic.maxConcurrentScripts(),
                atomic.writeBatchSize() > 1 ? "up to " + atomic.writeBatchSize() + " per statement (group commit, "
                        + atomic.writeLanes() + " lanes)" : "one per statement");
        return new RedisScriptIssueAdapter(couponRedisClaims, new JdbcClaimStore(jdbc), properties.lock().retryAfter(),
                atomicMetrics(registry), atomic.maxConcurrentScripts(), properties.lock().waitTime(),
                atomic.writeBatchSize(), atomic.writeLanes());
    }

    /** Primary: the script adapter inside it is a {@link LockFreeIssuePort} too, reachable by its own type for tests. */
    @Bean
    @Primary
    @ConditionalOnProperty(name = "commerce.coupon.strategy", havingValue = "atomic")
    LockFreeIssuePort atomicIssuePort(RedisScriptIssueAdapter redisScriptIssueAdapter, RedisClaims couponRedisClaims,
            JdbcClient jdbc, CouponProperties properties, LockMetrics metrics, CircuitBreaker couponLockCircuitBreaker) {
        boolean fallback = properties.lock().fallback().enabled();
        log.info("Coupon strategy: atomic; Redis script (consumer {}), PostgreSQL conditional fallback {}, "
                + "recovery every {} of claims idle {}", couponRedisClaims.consumer(), fallback ? "enabled" : "disabled",
                properties.atomic().recoveryInterval(), properties.atomic().recoveryMinIdle());
        return new CircuitBreakingIssuePort(redisScriptIssueAdapter, fallback ? new ConditionalIssueAdapter(jdbc) : null,
                couponLockCircuitBreaker, metrics, properties.lock().retryAfter());
    }

    @Bean
    @ConditionalOnProperty(name = "commerce.coupon.strategy", havingValue = "atomic")
    AtomicIssueRecovery atomicIssueRecovery(ObjectProvider<RedissonClient> redisson, RedisClaims couponRedisClaims,
            JdbcClient jdbc, CouponProperties properties, MeterRegistry registry) {
        return new AtomicIssueRecovery(redisson.getObject(), couponRedisClaims, new JdbcClaimStore(jdbc),
                properties.atomic().recoveryMinIdle(), properties.atomic().recoveryBatchSize(), atomicMetrics(registry));
    }

    @Bean
    @ConditionalOnProperty(name = "commerce.coupon.strategy", havingValue = "atomic")
    AtomicIssueRecoveryJob atomicIssueRecoveryJob(AtomicIssueRecovery atomicIssueRecovery) {
        return new AtomicIssueRecoveryJob(atomicIssueRecovery);
    }

    @Bean
    @ConditionalOnExpression("'${commerce.coupon.strategy:lock}'.toLowerCase() != 'lock'")
    LockFreeCouponIssuer lockFreeCouponIssuer(LockFreeIssuePort store, Clock clock) {
        return new LockFreeCouponIssuer(store, clock);
    }

    /**
     * Short Redis timeouts and few retries, so that a down Redis fails a lock call in about a second
     * and the breaker can open, instead of every request waiting out Redisson's long defaults.
     */
    @Bean
    RedissonAutoConfigurationCustomizer couponRedissonTimeouts(CouponProperties properties) {
        CouponProperties.Redisson settings = properties.redisson();
        return config -> {
            BaseConfig<?> server = serverConfig(config);
            if (server == null) {
                log.warn("Redisson is not configured for a single server; its timeouts are left as configured");
                return;
            }
            server.setTimeout((int) settings.timeout().toMillis());
            server.setRetryAttempts(settings.retryAttempts());
            server.setRetryDelay(new ConstantDelay(settings.retryDelay()));
            log.info("Redisson for the coupon lock: command timeout {} ms, {} retries {} ms apart",
                    settings.timeout().toMillis(), settings.retryAttempts(), settings.retryDelay().toMillis());
        };
    }

    private static BaseConfig<?> serverConfig(Config config) {
        if (!config.isSingleConfig()) {
            return null;
        }
        try {
            // Config.useSingleServer() would replace the starter's server settings; read them instead.
            Method getter = Config.class.getDeclaredMethod("getSingleServerConfig");
            getter.setAccessible(true);
            return (BaseConfig<?>) getter.invoke(config);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Could not read Redisson's single-server settings: {}", e.toString());
            return null;
        }
    }
}
