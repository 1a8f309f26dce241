package dev.commerce.coupon.adapter;

import java.lang.reflect.Method;
import java.util.List;
import org.redisson.config.BaseConfig;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.spring.starter.RedissonAutoConfigurationCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Short Redis timeouts and few retries ({@code commerce.coupon.redisson.*}), so that a down Redis
 * fails a lock or script call in about a second and the breaker can open, instead of every request
 * waiting out Redisson's long defaults. Applied to whichever topology the starter built: single
 * server, sentinel, cluster, replicated or master/slave.
 *
 * <p>Why reflection: Redisson 4.7's {@link Config} exposes the topology's settings only through
 * protected getters ({@code getSingleServerConfig()}, {@code getClusterServersConfig()}, ...); the
 * public {@code useSingleServer()}/{@code useClusterServers()}/{@code useSentinelServers()} create
 * new, empty settings and would drop the address the starter put there. The starter itself maps
 * {@code spring.data.redis.timeout} and {@code connect-timeout} onto the topology, but not the
 * retry attempts and delay, which are what keep an outage short. If reading fails (a later Redisson
 * renamed a getter), the settings are left as configured and a WARN says so.
 */
@Configuration(proxyBeanMethods = false)
class CouponRedissonTimeouts {

    private static final Logger log = LoggerFactory.getLogger(CouponRedissonTimeouts.class);
    private static final List<String> TOPOLOGY_GETTERS = List.of("getSingleServerConfig", "getClusterServersConfig",
            "getSentinelServersConfig", "getReplicatedServersConfig", "getMasterSlaveServersConfig");

    @Bean
    RedissonAutoConfigurationCustomizer couponRedissonTimeoutCustomizer(CouponProperties properties) {
        CouponProperties.Redisson settings = properties.redisson();
        return config -> {
            BaseConfig<?> server = serverConfig(config);
            if (server == null) {
                return;
            }
            server.setTimeout((int) settings.timeout().toMillis());
            server.setRetryAttempts(settings.retryAttempts());
            server.setRetryDelay(new ConstantDelay(settings.retryDelay()));
            log.info("Redisson for coupons: command timeout {} ms, {} retries {} ms apart",
                    settings.timeout().toMillis(), settings.retryAttempts(), settings.retryDelay().toMillis());
        };
    }

    /**
     * The settings of the topology {@code config} uses (Redisson keeps exactly one of them), read
     * without replacing them; null if none could be read.
     */
    static BaseConfig<?> serverConfig(Config config) {
        for (String getter : TOPOLOGY_GETTERS) {
            try {
                Method method = Config.class.getDeclaredMethod(getter);
                method.setAccessible(true);
                if (method.invoke(config) instanceof BaseConfig<?> server) {
                    return server;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.warn("Could not read Redisson's server settings ({}): {}", getter, e.toString());
            }
        }
        log.warn("Redisson's server settings not found; its timeouts are left as configured");
        return null;
    }
}
