package dev.commerce.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.infra.LocalTokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tokens of an identity provider, verified by Spring Boot's standard property alone
 * ({@code spring.security.oauth2.resourceserver.jwt.public-key-location}): its tokens are accepted,
 * the local issuer's are not, and the local token command does not exist.
 */
class StandardVerifierIT extends FullStackTest {

    /** Stands for the identity provider: a key pair of its own, the public half in a PEM file. */
    private static final LocalTokenIssuer PROVIDER = LocalTokenIssuer.withNewKey();

    @DynamicPropertySource
    static void providerKey(DynamicPropertyRegistry registry) {
        try {
            Path pem = Files.createTempFile("provider-public-key", ".pem");
            Files.writeString(pem, PROVIDER.publicKeyPem());
            pem.toFile().deleteOnExit();
            registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> pem.toUri().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void tokens_of_the_configured_provider_are_accepted_and_local_ones_are_not() {
        ApiClient provider = new ApiClient(port).withToken(PROVIDER.administrator(1, Duration.ofMinutes(10)));
        ApiClient local = new ApiClient(port);
        String sku = "provider-" + UUID.randomUUID();

        assertThat(provider.put("/api/v1/products/" + sku + "/stock", Map.of("onHand", 5)).status()).isEqualTo(200);
        Response refused = local.put("/api/v1/products/" + sku + "/stock", Map.of("onHand", 9));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(provider.get("/api/v1/products/" + sku + "/stock").json().path("onHand").asLong()).isEqualTo(5);
    }

    @Test
    void the_local_token_command_does_not_exist_next_to_a_real_identity_provider() {
        Response response = new ApiClient(port).anonymous().post("/local/tokens", "");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("NOT_FOUND");
    }
}
