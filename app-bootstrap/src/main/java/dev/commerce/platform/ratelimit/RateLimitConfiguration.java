package dev.commerce.platform.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RedissonClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rate limit (ADR 7): a {@link RateLimitFilter} bean for the security filter chain to place
 * after authentication, on budgets in Redis. With {@code commerce.rate-limit.enabled=false} none
 * of it exists.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
@ConditionalOnProperty(name = "commerce.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
class RateLimitConfiguration {

    @Bean
    RateLimiter rateLimiter(RedissonClient redisson, RateLimitProperties properties) {
        return new RedisRateLimiter(redisson, properties);
    }

    @Bean
    RateLimitFilter rateLimitFilter(RateLimiter rateLimiter, RateLimitProperties properties, MeterRegistry meters) {
        return new RateLimitFilter(rateLimiter, properties, meters);
    }

    /**
     * Spring Boot would register every filter bean for all requests in the servlet container; this
     * one runs inside the security filter chain only, where the caller is known.
     */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilterRegistration(RateLimitFilter rateLimitFilter) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(rateLimitFilter);
        registration.setEnabled(false);
        return registration;
    }
}
