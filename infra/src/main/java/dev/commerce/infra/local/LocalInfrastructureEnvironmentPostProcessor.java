package dev.commerce.infra.local;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Resolves PostgreSQL and Redis before the application context starts: what configuration names
 * is used as it is; otherwise a server is started for this JVM (Testcontainers when a Docker
 * engine answers, else embedded) and its address is added to the environment. The log says which
 * path was taken.
 */
public final class LocalInfrastructureEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String MODE_PROPERTY = "commerce.infra.mode";
    static final String PROPERTY_SOURCE_NAME = "commerceLocalInfrastructure";

    private final Log log;

    public LocalInfrastructureEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(LocalInfrastructureEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            return;
        }
        InfrastructureMode mode = InfrastructureMode.parse(environment.getProperty(MODE_PROPERTY, "auto"));
        Map<String, Object> properties = new LinkedHashMap<>();

        if (environment.containsProperty("spring.datasource.url")) {
            log.info("PostgreSQL: using spring.datasource.url from configuration");
        } else if (mode != InfrastructureMode.NONE) {
            LocalInfrastructure.Started postgres = LocalInfrastructure.postgres(mode);
            log.info("PostgreSQL: no spring.datasource.url configured; using " + postgres.provider()
                    + " server at " + postgres.properties().get("spring.datasource.url"));
            properties.putAll(postgres.properties());
        }

        if (redisConfigured(environment)) {
            log.info("Redis: using spring.data.redis.* from configuration");
        } else if (mode != InfrastructureMode.NONE) {
            LocalInfrastructure.Started redis = LocalInfrastructure.redis(mode);
            log.info("Redis: no spring.data.redis.url or host configured; using " + redis.provider()
                    + " server at " + redis.properties().get("spring.data.redis.url"));
            properties.putAll(redis.properties());
        }

        if (!properties.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
        }
    }

    private static boolean redisConfigured(ConfigurableEnvironment environment) {
        return environment.containsProperty("spring.data.redis.url")
                || environment.containsProperty("spring.data.redis.host")
                || environment.containsProperty("spring.redis.redisson.config")
                || environment.containsProperty("spring.redis.redisson.file");
    }

    @Override
    public int getOrder() {
        // after the config data (application.yaml, environment variables) has been loaded
        return Ordered.LOWEST_PRECEDENCE;
    }
}
