package dev.commerce.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.mock.env.MockEnvironment;

/** Services named by configuration are used as they are: nothing is started, nothing overridden. */
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
}
