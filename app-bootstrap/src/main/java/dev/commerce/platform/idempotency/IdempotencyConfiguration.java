package dev.commerce.platform.idempotency;

import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Idempotency of every POST (ADR 12): an {@link IdempotencyFilter} bean for the security filter
 * chain to place after authorization, keys in {@code platform.idempotency_key}, and a sweep that
 * forgets them after {@code commerce.idempotency.key-retention}. With
 * {@code commerce.idempotency.enabled=false} none of it exists.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencyProperties.class)
@ConditionalOnProperty(name = "commerce.idempotency.enabled", havingValue = "true", matchIfMissing = true)
class IdempotencyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyConfiguration.class);

    @Bean
    JdbcIdempotentRequestStore idempotentRequestStore(DataSource dataSource) {
        return new JdbcIdempotentRequestStore(JdbcClient.create(dataSource));
    }

    @Bean
    IdempotencyFilter idempotencyFilter(JdbcIdempotentRequestStore store, Clock clock, IdempotencyProperties properties) {
        return new IdempotencyFilter(new IdempotencyGate(store, clock, properties.lease()));
    }

    /**
     * Spring Boot would register every filter bean for all requests in the servlet container; this
     * one runs inside the security filter chain only, where the caller is known.
     */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilterRegistration(IdempotencyFilter idempotencyFilter) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(idempotencyFilter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    IdempotencySweep idempotencySweep(JdbcIdempotentRequestStore store, Clock clock, IdempotencyProperties properties) {
        return new IdempotencySweep(store, clock, properties);
    }

    /** Forgets completed keys older than the retention, and keys a crash left in progress that long after their lease. */
    static final class IdempotencySweep {

        private final IdempotentRequestStore store;
        private final Clock clock;
        private final IdempotencyProperties properties;

        IdempotencySweep(IdempotentRequestStore store, Clock clock, IdempotencyProperties properties) {
            this.store = store;
            this.clock = clock;
            this.properties = properties;
        }

        @Scheduled(fixedDelayString = "${commerce.idempotency.sweep-interval:1m}",
                initialDelayString = "${commerce.idempotency.sweep-interval:1m}")
        void sweep() {
            try {
                int forgotten = store.deleteExpired(clock.instant().minus(properties.keyRetention()));
                if (forgotten > 0) {
                    log.debug("Forgot {} idempotency keys older than {}", forgotten, properties.keyRetention());
                }
            } catch (RuntimeException e) {
                log.warn("Idempotency key sweep failed; the next run tries again", e);
            }
        }
    }
}
