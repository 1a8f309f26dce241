package dev.commerce.infra.local;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/**
 * Resolves PostgreSQL and Redis before the application context starts: what configuration names
 * is used as it is; otherwise a server is started for this JVM (Testcontainers when a Docker
 * engine answers, else embedded) and its address is added to the environment. The log says which
 * path was taken.
 *
 * <p>With the production profile ({@value #PRODUCTION_PROFILE}) it never starts a server, whatever
 * {@code commerce.infra.mode} says: there a service that is not configured is a mistake to refuse
 * (the application's production check does), not a gap to fill with a local server.
 */
public final class LocalInfrastructureEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String MODE_PROPERTY = "commerce.infra.mode";
    static final String PROPERTY_SOURCE_NAME = "commerceLocalInfrastructure";
    /** The Spring profile of the production configuration (app-bootstrap's application-prod.yaml). */
    static final String PRODUCTION_PROFILE = "prod";

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
        if (environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE))) {
            if (mode != InfrastructureMode.NONE) {
                log.warn("Profile " + PRODUCTION_PROFILE + " is active: starting no PostgreSQL or Redis of its own"
                        + " (" + MODE_PROPERTY + "=" + mode.name().toLowerCase(Locale.ROOT) + " is ignored)");
            }
            mode = InfrastructureMode.NONE;
        }
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
            log.info("Redis: no spring.data.redis.url, host, sentinel or cluster configured; using " + redis.provider()
                    + " server at " + redis.properties().get("spring.data.redis.url"));
            properties.putAll(redis.properties());
        }

        if (!properties.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
        }
    }

    /**
     * Whether configuration names a Redis in any of the shapes Redisson's starter reads: a URL, a
     * host, a sentinel group, a cluster, or a Redisson configuration of its own. Lists may be given
     * comma-separated or indexed ({@code nodes[0]}, {@code SPRING_DATA_REDIS_CLUSTER_NODES_0}).
     */
    static boolean redisConfigured(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        return Stream.of("spring.data.redis.url", "spring.data.redis.host", "spring.data.redis.sentinel.master",
                        "spring.redis.redisson.config", "spring.redis.redisson.file")
                        .anyMatch(name -> binder.bind(name, String.class).map(StringUtils::hasText).orElse(false))
                || Stream.of("spring.data.redis.sentinel.nodes", "spring.data.redis.cluster.nodes")
                        .anyMatch(name -> binder.bind(name, Bindable.listOf(String.class))
                                .map(nodes -> nodes.stream().anyMatch(StringUtils::hasText)).orElse(false));
    }

    @Override
    public int getOrder() {
        // after the config data (application.yaml, environment variables) has been loaded
        return Ordered.LOWEST_PRECEDENCE;
    }
}
