package dev.commerce.platform.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The failure report names what is missing and how to set it, word for word as the README shows it. */
class MissingProductionConfigurationFailureAnalyzerTest {

    @Test
    void the_report_for_a_missing_database_and_gateway_reads_as_the_readme_shows() {
        FailureAnalysis analysis = new MissingProductionConfigurationFailureAnalyzer().analyze(
                new MissingProductionConfigurationException(
                        List.of(ProductionRequirement.DATABASE, ProductionRequirement.PAYMENT_GATEWAY)));

        assertThat(analysis.getDescription()).isEqualTo("""
                The production profile 'prod' is active: the service starts no database, Redis, payment gateway \
                simulator or token issuer of its own, so each must be configured. Not configured:

                    - the database: spring.datasource.url
                    - the payment gateway: commerce.payment.gateway.url""");
        assertThat(analysis.getAction()).isEqualTo("""
                Set each of them, for example as an environment variable:

                    SPRING_DATASOURCE_URL=jdbc:postgresql://HOST:5432/DATABASE \
                (with SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD)
                    COMMERCE_PAYMENT_GATEWAY_URL=https://GATEWAY (the gateway's base URL)

                or start without the 'prod' profile (local mode), which starts its own PostgreSQL and Redis, \
                the gateway simulator and a local token issuer.""");
    }

    @Test
    void one_missing_piece_is_set_as_it() {
        FailureAnalysis analysis = new MissingProductionConfigurationFailureAnalyzer().analyze(
                new MissingProductionConfigurationException(List.of(ProductionRequirement.TOKEN_VERIFICATION)));

        assertThat(analysis.getAction()).startsWith("Set it, for example as an environment variable:")
                .contains("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI=");
    }
}
