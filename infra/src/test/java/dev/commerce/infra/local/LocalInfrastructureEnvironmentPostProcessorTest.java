package dev.commerce.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/**
 * Services named by configuration are used as they are: nothing is started, nothing overridden.
 * With the production profile nothing is ever started.
 */
class LocalInfrastructureEnvironmentPostProcessorTest {

    private final LocalInfrastructureEnvironmentPostProcessor postProcessor =
            new LocalInfrastructureEnvironmentPostProcessor(new DeferredLogs());

    @Test
    void configured_database_and_redis_are_used_as_they_are() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.example:5432/shop")
                .withProperty("spring.data.redis.url", "redis://cache.example:6379");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources()
                .contains(LocalInfrastructureEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example:5432/shop");
        assertThat(environment.getProperty("spring.data.redis.url")).isEqualTo("redis://cache.example:6379");
    }

    @Test
    void redis_given_by_host_counts_as_configured() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.example:5432/shop")
                .withProperty("spring.data.redis.host", "cache.example");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.data.redis.url")).isNull();
    }

    @Test
    void mode_none_starts_nothing_even_when_nothing_is_configured() {
        MockEnvironment environment = new MockEnvironment().withProperty("commerce.infra.mode", "none");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.url")).isNull();
        assertThat(environment.getProperty("spring.data.redis.url")).isNull();
    }

    @Test
    void production_profile_starts_no_server_even_when_the_mode_asks_for_embedded_ones() {
        MockEnvironment environment = new MockEnvironment().withProperty("commerce.infra.mode", "embedded");
        environment.setActiveProfiles("prod");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources()
                .contains(LocalInfrastructureEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
        assertThat(environment.getProperty("spring.datasource.url")).isNull();
        assertThat(environment.getProperty("spring.data.redis.url")).isNull();
        assertThat(LocalInfrastructure.anyServerRunning()).isFalse();
    }

    @Test
    void redis_given_as_a_cluster_starts_no_embedded_redis() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("commerce.infra.mode", "embedded")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.example:5432/shop")
                .withProperty("spring.data.redis.cluster.nodes", "cache-1.example:6379,cache-2.example:6379");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.data.redis.url")).isNull();
        assertThat(LocalInfrastructure.anyServerRunning()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            spring.data.redis.url                | redis://cache.example:6379
            spring.data.redis.host               | cache.example
            spring.data.redis.sentinel.nodes     | sentinel-1.example:26379,sentinel-2.example:26379
            spring.data.redis.sentinel.nodes[0]  | sentinel-1.example:26379
            spring.data.redis.sentinel.master    | mymaster
            spring.data.redis.cluster.nodes      | cache-1.example:6379,cache-2.example:6379
            spring.data.redis.cluster.nodes[0]   | cache-1.example:6379
            spring.redis.redisson.file           | classpath:redisson.yaml
            """)
    void each_way_of_naming_a_redis_counts_as_configured(String property, String value) {
        assertThat(LocalInfrastructureEnvironmentPostProcessor.redisConfigured(
                new MockEnvironment().withProperty(property, value))).isTrue();
    }

    @Test
    void environment_variables_naming_cluster_nodes_count_as_configured() {
        MockEnvironment environment = new MockEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.<String, Object>of("SPRING_DATA_REDIS_CLUSTER_NODES", "cache-1.example:6379,cache-2.example:6379")));

        assertThat(LocalInfrastructureEnvironmentPostProcessor.redisConfigured(environment)).isTrue();
    }

    @Test
    void blank_redis_settings_do_not_count_as_configured() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.data.redis.url", "")
                .withProperty("spring.data.redis.cluster.nodes", " ");

        assertThat(LocalInfrastructureEnvironmentPostProcessor.redisConfigured(environment)).isFalse();
    }
}
