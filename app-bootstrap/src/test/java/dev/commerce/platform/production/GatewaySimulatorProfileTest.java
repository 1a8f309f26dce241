package dev.commerce.platform.production;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.payment.adapter.PaymentConfiguration;
import dev.commerce.payment.adapter.out.gateway.simulator.GatewaySimulator;
import dev.commerce.payment.application.port.PaymentGatewayPort;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payment gateway simulator exists only in local mode: with the prod profile and no gateway
 * URL the payment wiring refuses to start rather than charge against a simulator (a second line
 * behind {@link ProductionConfigurationCheck}, which refuses such a start before any bean exists).
 */
class GatewaySimulatorProfileTest {

    // the database is never contacted: the simulator touches it only when charging
    private static final DataSource NO_DATABASE = new DriverManagerDataSource("jdbc:postgresql://db.invalid:5432/none");

    private final ApplicationContextRunner payments = new ApplicationContextRunner()
            .withUserConfiguration(PaymentConfiguration.class)
            .withBean(JdbcClient.class, () -> JdbcClient.create(NO_DATABASE))
            .withBean(DataSourceTransactionManager.class, () -> new DataSourceTransactionManager(NO_DATABASE))
            .withBean(JsonMapper.class, () -> JsonMapper.builder().build())
            .withBean(Clock.class, Clock::systemUTC)
            .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void local_mode_without_a_gateway_url_starts_the_simulator() {
        payments.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(GatewaySimulator.class).hasSingleBean(PaymentGatewayPort.class);
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
                        .hasSingleBean(PaymentGatewayPort.class));
    }
}
