package dev.commerce.platform.security;

import dev.commerce.infra.LocalTokenIssuer;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Local mode: tokens are verified with the local issuer's key, which every local instance of
 * this machine shares, and {@code POST /local/tokens} mints them. With any resource-server
 * property set, or the {@code prod} profile active, none of this exists.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(LocalIssuerCondition.class)
class LocalIssuerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LocalIssuerConfiguration.class);

    @Bean
    LocalTokenIssuer localTokenIssuer(@Value("${commerce.security.local-issuer.key-file:}") String keyFile) {
        Path file = keyFile.isBlank() ? LocalTokenIssuer.DEFAULT_KEY_FILE : Path.of(keyFile);
        log.warn("Local mode: bearer tokens are verified with the local issuer key {}; mint them with "
                + "'curl -s -X POST http://localhost:<port>/local/tokens'. Production runs with SPRING_PROFILES_ACTIVE=prod "
                + "and a real identity provider (spring.security.oauth2.resourceserver.jwt.*).", file);
        return LocalTokenIssuer.atKeyFile(file);
    }

    @Bean
    JwtDecoder localJwtDecoder(LocalTokenIssuer issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(issuer.publicKey()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(LocalTokenIssuer.ISSUER));
        return decoder;
    }
}
