package dev.commerce.platform.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.commerce.CommerceApplication;
import dev.commerce.infra.local.LocalInfrastructureEnvironmentPostProcessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

/**
 * With the prod profile the service refuses to start, naming what is missing, when the database,
 * Redis, the gateway URL or token verification is not configured. The application is really run
 * ({@link SpringApplication#run}) with bogus-but-present values for everything else: the refusal
 * comes while the environment is prepared, before any connection, server or bean exists.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionConfigurationCheckTest {

    /** One valid shape of each requirement; the hosts do not exist and are never contacted. */
    private static final Map<String, String> EVERYTHING = orderedMap(
            "spring.datasource.url", "jdbc:postgresql://db.invalid:5432/commerce",
            "spring.data.redis.url", "redis://cache.invalid:6379",
            "commerce.payment.gateway.url", "https://gateway.invalid",
            "spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://idp.invalid/realms/commerce");

    @ParameterizedTest(name = "without {0}")
    @CsvSource({
        "spring.datasource.url, DATABASE",
        "spring.data.redis.url, REDIS",
        "commerce.payment.gateway.url, PAYMENT_GATEWAY",
        "spring.security.oauth2.resourceserver.jwt.issuer-uri, TOKEN_VERIFICATION"})
    void refuses_to_start_naming_the_one_setting_that_is_missing(String leftOut, ProductionRequirement requirement) {
        Map<String, String> settings = new LinkedHashMap<>(EVERYTHING);
        settings.remove(leftOut);
        StandardEnvironment environment = hermeticEnvironment();

        Throwable failure = runWithProdProfile(environment, settings);

        assertThat(failure).isInstanceOf(MissingProductionConfigurationException.class)
                .hasMessageContaining(requirement.subject())
                .hasMessageContaining(leftOut);
        assertThat(((MissingProductionConfigurationException) failure).missing()).containsExactly(requirement);
        EVERYTHING.keySet().stream().filter(name -> !name.equals(leftOut))
                .forEach(present -> assertThat(failure.getMessage()).doesNotContain(present));
        assertThat(environment.getPropertySources().contains("commerceLocalInfrastructure"))
                .as("no local server was started or named").isFalse();
    }

    @Test
    void refuses_to_start_naming_everything_missing_at_once_in_spring_boots_failure_report(CapturedOutput output) {
        StandardEnvironment environment = hermeticEnvironment();

        Throwable failure = runWithProdProfile(environment, Map.of());

        assertThat(failure).isInstanceOf(MissingProductionConfigurationException.class);
        assertThat(((MissingProductionConfigurationException) failure).missing())
                .containsExactly(ProductionRequirement.values());
        assertThat(environment.getPropertySources().contains("commerceLocalInfrastructure")).isFalse();
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("The production profile 'prod' is active")
                .contains("- the database: spring.datasource.url")
                .contains("- Redis: spring.data.redis.url")
                .contains("- the payment gateway: commerce.payment.gateway.url")
                .contains("- token verification: spring.security.oauth2.resourceserver.jwt.issuer-uri")
                .contains("Action:")
                .contains("SPRING_DATASOURCE_URL=", "SPRING_DATA_REDIS_URL=", "COMMERCE_PAYMENT_GATEWAY_URL=",
                        "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI=");
    }

    @Test
    void blank_values_and_unset_placeholders_count_as_missing() {
        Map<String, String> settings = new LinkedHashMap<>(EVERYTHING);
        settings.put("spring.datasource.url", "${DATABASE_URL_NOBODY_SET}");
        settings.put("commerce.payment.gateway.url", " ");

        Throwable failure = runWithProdProfile(hermeticEnvironment(), settings);

        assertThat(((MissingProductionConfigurationException) failure).missing())
                .containsExactly(ProductionRequirement.DATABASE, ProductionRequirement.PAYMENT_GATEWAY);
    }

    @ParameterizedTest(name = "{1} in place of {0}")
    @CsvSource(delimiter = '|', textBlock = """
            spring.data.redis.url                                | spring.data.redis.host=cache.invalid
            spring.data.redis.url                                | spring.data.redis.cluster.nodes=cache-1.invalid:6379,cache-2.invalid:6379
            spring.data.redis.url                                | spring.data.redis.cluster.nodes[0]=cache-1.invalid:6379
            spring.data.redis.url                                | spring.data.redis.sentinel.master=commerce & spring.data.redis.sentinel.nodes=sentinel-1.invalid:26379
            spring.data.redis.url                                | spring.redis.redisson.file=file:/etc/commerce/redisson.yaml
            spring.security.oauth2.resourceserver.jwt.issuer-uri | spring.security.oauth2.resourceserver.jwt.jwk-set-uri=https://idp.invalid/jwks
            spring.security.oauth2.resourceserver.jwt.issuer-uri | spring.security.oauth2.resourceserver.jwt.public-key-location=file:/etc/commerce/jwt-public.pem
            """)
    void each_standard_way_of_configuring_a_requirement_is_accepted(String replaced, String settings) {
        MockEnvironment environment = withEverythingBut(replaced);
        Stream.of(settings.split(" & ")).map(setting -> setting.split("=", 2))
                .forEach(setting -> environment.withProperty(setting[0], setting[1]));

        assertThatCode(() -> check(environment)).doesNotThrowAnyException();
    }

    @Test
    void sentinel_nodes_without_a_master_name_do_not_configure_redis() {
        MockEnvironment environment = withEverythingBut("spring.data.redis.url")
                .withProperty("spring.data.redis.sentinel.nodes", "sentinel-1.invalid:26379");

        Throwable failure = catchThrowable(() -> check(environment));

        assertThat(((MissingProductionConfigurationException) failure).missing()).containsExactly(ProductionRequirement.REDIS);
    }

    @Test
    void everything_configured_passes() {
        assertThatCode(() -> check(withEverythingBut("nothing"))).doesNotThrowAnyException();
    }

    @Test
    void without_the_prod_profile_nothing_is_required() {
        assertThatCode(() -> check(new MockEnvironment())).doesNotThrowAnyException();
    }

    @Test
    void runs_after_the_config_data_and_before_the_local_infrastructure_is_resolved() {
        assertThat(ProductionConfigurationCheck.ORDER)
                .isGreaterThan(ConfigDataEnvironmentPostProcessor.ORDER)
                .isLessThan(new LocalInfrastructureEnvironmentPostProcessor(new DeferredLogs()).getOrder());
    }

    private static void check(MockEnvironment environment) {
        new ProductionConfigurationCheck().postProcessEnvironment(environment, new SpringApplication());
    }

    /** The prod profile with every requirement configured except the one {@code leftOut} names. */
    private static MockEnvironment withEverythingBut(String leftOut) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(ProductionConfigurationCheck.PROFILE);
        EVERYTHING.forEach((name, value) -> {
            if (!name.equals(leftOut)) {
                environment.withProperty(name, value);
            }
        });
        return environment;
    }

    /** Runs the real application with the prod profile and these settings as command-line arguments. */
    private static Throwable runWithProdProfile(StandardEnvironment environment, Map<String, String> settings) {
        SpringApplication application = new SpringApplication(CommerceApplication.class);
        application.setEnvironment(environment);
        List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=prod"));
        settings.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return catchThrowable(() -> application.run(arguments.toArray(String[]::new)).close());
    }

    /** Neither this machine's environment variables nor the build's system properties leak in. */
    private static StandardEnvironment hermeticEnvironment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        return environment;
    }

    private static Map<String, String> orderedMap(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
