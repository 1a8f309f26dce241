package dev.commerce.platform.production;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.util.StringUtils;

/**
 * What the production profile requires to be configured, because with it the service starts
 * nothing of its own in its place: no database or Redis server, no gateway simulator, no local
 * token issuer. A setting counts when it has a value that is not blank and names no placeholder
 * left unresolved; lists may be comma-separated or indexed.
 */
public enum ProductionRequirement {

    DATABASE("the database",
            "spring.datasource.url",
            "SPRING_DATASOURCE_URL=jdbc:postgresql://HOST:5432/DATABASE"
                    + " (with SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD)",
            binder -> hasText(binder, "spring.datasource.url")),

    REDIS("Redis",
            "spring.data.redis.url, spring.data.redis.host, spring.data.redis.sentinel.master with"
                    + " spring.data.redis.sentinel.nodes, spring.data.redis.cluster.nodes,"
                    + " or a Redisson configuration (spring.redis.redisson.config or spring.redis.redisson.file)",
            "SPRING_DATA_REDIS_URL=redis://HOST:6379 (or rediss:// with TLS)",
            binder -> hasText(binder, "spring.data.redis.url")
                    || hasText(binder, "spring.data.redis.host")
                    || hasText(binder, "spring.data.redis.sentinel.master") && hasNodes(binder, "spring.data.redis.sentinel.nodes")
                    || hasNodes(binder, "spring.data.redis.cluster.nodes")
                    || hasText(binder, "spring.redis.redisson.config")
                    || hasText(binder, "spring.redis.redisson.file")),

    PAYMENT_GATEWAY("the payment gateway",
            "commerce.payment.gateway.url",
            "COMMERCE_PAYMENT_GATEWAY_URL=https://GATEWAY (the gateway's base URL)",
            binder -> hasText(binder, "commerce.payment.gateway.url")),

    TOKEN_VERIFICATION("token verification",
            "spring.security.oauth2.resourceserver.jwt.issuer-uri, spring.security.oauth2.resourceserver.jwt.jwk-set-uri"
                    + " or spring.security.oauth2.resourceserver.jwt.public-key-location",
            "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI=https://IDENTITY-PROVIDER/realms/commerce"
                    + " (or ..._JWT_JWK_SET_URI=https://..., or ..._JWT_PUBLIC_KEY_LOCATION=file:/path/public.pem)",
            binder -> Stream.of("issuer-uri", "jwk-set-uri", "public-key-location")
                    .anyMatch(name -> hasText(binder, "spring.security.oauth2.resourceserver.jwt." + name)));

    private final String subject;
    private final String properties;
    private final String example;
    private final Predicate<Binder> configured;

    ProductionRequirement(String subject, String properties, String example, Predicate<Binder> configured) {
        this.subject = subject;
        this.properties = properties;
        this.example = example;
        this.configured = configured;
    }

    /** What is missing, in words: "the database". */
    public String subject() {
        return subject;
    }

    /** The properties any one of which satisfies it, as an operator would search for them. */
    public String properties() {
        return properties;
    }

    /** A setting that satisfies it, written as an environment variable. */
    public String example() {
        return example;
    }

    /** The requirements that the configuration behind {@code binder} leaves unmet, in a fixed order. */
    static List<ProductionRequirement> unmetIn(Binder binder) {
        return Stream.of(values()).filter(requirement -> !requirement.configured.test(binder)).toList();
    }

    private static boolean hasText(Binder binder, String name) {
        return binder.bind(name, String.class).map(ProductionRequirement::isValue).orElse(false);
    }

    private static boolean hasNodes(Binder binder, String name) {
        return binder.bind(name, Bindable.listOf(String.class))
                .map(nodes -> nodes.stream().anyMatch(ProductionRequirement::isValue)).orElse(false);
    }

    // an unset placeholder (${DB_URL} without DB_URL) is left in the value by the binder
    private static boolean isValue(String value) {
        return StringUtils.hasText(value) && !value.contains("${");
    }
}
