package dev.commerce.payment.adapter.out.gateway.simulator;

import dev.commerce.payment.adapter.PaymentProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Starts the gateway simulator in-process when {@code commerce.payment.gateway.url} is unset, so the
 * HTTP adapter talks to it over real HTTP. Never with the production profile: a production service
 * without a gateway URL must fail, never charge against a simulator (app-bootstrap's production
 * check refuses such a start earlier, naming the property).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${commerce.payment.gateway.url:}'.isBlank()")
@Profile("!" + GatewaySimulator.PRODUCTION_PROFILE)
class GatewaySimulatorConfiguration {

    @Bean(destroyMethod = "close")
    GatewaySimulator gatewaySimulator(JdbcClient jdbc, PaymentProperties properties) {
        // hold a timed-out answer well past the client's read timeout
        long hangMillis = properties.gateway().readTimeout().toMillis() * 2 + 1000;
        return new GatewaySimulator(jdbc, hangMillis);
    }
}
