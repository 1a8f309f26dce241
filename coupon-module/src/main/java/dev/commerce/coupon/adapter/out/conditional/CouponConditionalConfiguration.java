package dev.commerce.coupon.adapter.out.conditional;

import dev.commerce.coupon.application.port.OneStepIssue;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The conditional statement: the issuing store of {@code commerce.coupon.strategy=conditional}, and
 * the fallback the breaker package puts behind the Redis script of {@code strategy=atomic}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${commerce.coupon.strategy:lock}'.toLowerCase() != 'lock'")
class CouponConditionalConfiguration {

    @Bean
    OneStepIssue jdbcOneStepIssue(JdbcClient jdbc) {
        return new JdbcOneStepIssue(jdbc);
    }
}
