package dev.commerce.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Local mode (nothing configured): the README's command {@code POST /local/tokens} hands a
 * newcomer a buyer and an administrator token, and the API accepts them for what each may do.
 */
class LocalTokensIT extends FullStackTest {

    @Test
    void the_local_token_command_hands_out_a_buyer_and_an_administrator_token_that_the_api_accepts() {
        ApiClient nobody = new ApiClient(port).anonymous();
        Response minted = nobody.post("/local/tokens?userId=4242", "");

        assertThat(minted.status()).isEqualTo(200);
        JsonNode tokens = minted.json();
        assertThat(tokens.path("buyer").path("userId").asLong()).isEqualTo(4242);
        assertThat(tokens.path("administrator").path("scope").asString()).isEqualTo("admin");
        ApiClient buyer = nobody.withToken(tokens.path("buyer").path("token").asString());
        ApiClient administrator = nobody.withToken(tokens.path("administrator").path("token").asString());

        String sku = "local-" + UUID.randomUUID();
        assertThat(buyer.put("/api/v1/products/" + sku + "/stock", Map.of("onHand", 5)).code()).isEqualTo("FORBIDDEN");
        assertThat(administrator.put("/api/v1/products/" + sku + "/stock", Map.of("onHand", 5)).status()).isEqualTo(200);
        Response reserved = buyer.post("/api/v1/reservations",
                Map.of("orderId", "o-local", "lines", List.of(Map.of("sku", sku, "quantity", 2))));
        assertThat(reserved.status()).isEqualTo(201);
        assertThat(buyer.get(reserved.header("Location")).status()).isEqualTo(200);
    }

    @Test
    void a_user_id_that_is_not_a_positive_integer_mints_nothing() {
        Response refused = new ApiClient(port).anonymous().post("/local/tokens?userId=0", "");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("INVALID_REQUEST");
    }
}
