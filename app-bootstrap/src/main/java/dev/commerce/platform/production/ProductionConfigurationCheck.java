package dev.commerce.platform.production;

import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * With the production profile ({@value #PROFILE}), refuses to start when the database, Redis, the
 * payment gateway or token verification is not configured, naming every missing setting at once
 * ({@link MissingProductionConfigurationException}). It runs while the environment is prepared,
 * before the application context exists: no server, pool, simulator or issuer has been started.
 * Without the profile (local mode) it requires nothing.
 */
public final class ProductionConfigurationCheck implements EnvironmentPostProcessor, Ordered {

    /** The Spring profile that selects the production configuration ({@code SPRING_PROFILES_ACTIVE=prod}). */
    public static final String PROFILE = "prod";

    /**
     * After the config data (application-prod.yaml, environment variables, the active profiles),
     * before the infra module's local infrastructure resolution (ordered last), so that a missing
     * setting is reported rather than filled.
     */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of(PROFILE))) {
            return;
        }
        List<ProductionRequirement> missing = ProductionRequirement.unmetIn(Binder.get(environment));
        if (!missing.isEmpty()) {
            throw new MissingProductionConfigurationException(missing);
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
