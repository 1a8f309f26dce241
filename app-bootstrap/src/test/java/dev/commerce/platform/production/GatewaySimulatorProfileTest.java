package dev.commerce.platform.production;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.payment.adapter.PaymentProperties;
import dev.commerce.payment.adapter.out.gateway.simulator.GatewaySimulator;
import dev.commerce.payment.application.port.PaymentGateway;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The payment gateway simulator exists only in local mode: with the prod profile and no gateway
 * URL the payment wiring refuses to start rather than charge against a simulator (a second line
 * behind {@link ProductionConfigurationCheck}, which refuses such a start before any bean exists).
 */
class GatewaySimulatorProfileTest {

    // the database is never contacted: the simulator touches it only when charging
    private static final DataSource NO_DATABASE = new DriverManagerDataSource("jdbc:postgresql://db.invalid:5432/none");

    /** The payment properties, bound as the payment module's use-case configuration binds them. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PaymentProperties.class)
    static class PaymentPropertiesOnly {
    }

    // the gateway adapter's package as the application scans it: its configuration and the simulator's
    private final ApplicationContextRunner payments = new ApplicationContextRunner()
            .withInitializer(context -> new ClassPathBeanDefinitionScanner((BeanDefinitionRegistry) context)
                    .scan("dev.commerce.payment.adapter.out.gateway"))
            .withUserConfiguration(PaymentPropertiesOnly.class)
            .withBean(JdbcClient.class, () -> JdbcClient.create(NO_DATABASE))
            .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void local_mode_without_a_gateway_url_starts_the_simulator() {
        payments.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(GatewaySimulator.class)
                    .hasSingleBean(PaymentGateway.class);
        });
    }

    @Test
    void prod_profile_without_a_gateway_url_refuses_to_start_and_starts_no_simulator() {
        payments.withPropertyValues("spring.profiles.active=prod").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("commerce.payment.gateway.url is not set")
                    .hasMessageContaining("never runs with the 'prod' profile");
        });
    }

    @Test
    void prod_profile_with_a_gateway_url_uses_it_and_no_simulator() {
        payments.withPropertyValues("spring.profiles.active=prod", "commerce.payment.gateway.url=https://gateway.invalid")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(GatewaySimulator.class)
                        .hasSingleBean(PaymentGateway.class));
    }
}
