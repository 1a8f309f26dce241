package dev.commerce.platform.security;

import dev.commerce.platform.production.ProductionConfigurationCheck;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Local mode's token issuer exists only when nothing else verifies tokens (none of Spring Boot's
 * resource-server properties is set) and the production profile is not active.
 */
final class LocalIssuerCondition extends SpringBootCondition {

    static final List<String> VERIFIER_PROPERTIES = List.of(
            "spring.security.oauth2.resourceserver.jwt.issuer-uri",
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
            "spring.security.oauth2.resourceserver.jwt.public-key-location");

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        if (environment.acceptsProfiles(Profiles.of(ProductionConfigurationCheck.PROFILE))) {
            return ConditionOutcome.noMatch("the prod profile is active: no local token issuer");
        }
        for (String property : VERIFIER_PROPERTIES) {
            if (!environment.getProperty(property, "").isBlank()) {
                return ConditionOutcome.noMatch(property + " is set: tokens come from that identity provider");
            }
        }
        return ConditionOutcome.match("local mode: no token verification configured, prod profile not active");
    }
}
