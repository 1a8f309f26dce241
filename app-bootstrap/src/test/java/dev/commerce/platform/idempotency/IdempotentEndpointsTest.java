package dev.commerce.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which requests the filter handles, which keys it accepts, and what a fingerprint ignores. */
class IdempotentEndpointsTest {

    @Test
    void every_post_under_the_api_except_the_modules_that_keep_their_own_keys() {
        assertThat(IdempotentEndpoints.covers("POST", "/api/v1/reservations")).isTrue();
        assertThat(IdempotentEndpoints.covers("POST", "/api/v1/reservations/r-1/confirm")).isTrue();
        assertThat(IdempotentEndpoints.covers("POST", "/api/v1/reservations/r-1/cancel")).isTrue();
        assertThat(IdempotentEndpoints.covers("POST", "/api/v1/coupons")).isTrue();
        assertThat(IdempotentEndpoints.covers("POST", "/api/v1/coupons/c-1/issues")).isTrue();
        assertThat(IdempotentEndpoints.covers("POST", "/api/v1/orders/o-1/cancel")).isTrue();

        assertThat(IdempotentEndpoints.covers("POST", "/api/v1/payments")).isFalse();
        assertThat(IdempotentEndpoints.covers("POST", "/api/v1/payments/")).isFalse();
        assertThat(IdempotentEndpoints.covers("POST", "/api/v1/orders")).isFalse();
        assertThat(IdempotentEndpoints.covers("POST", "/api/v1/orders/o-1/payment")).isFalse();
        assertThat(IdempotentEndpoints.covers("PUT", "/api/v1/products/A/stock")).isFalse();
        assertThat(IdempotentEndpoints.covers("GET", "/api/v1/reservations/r-1")).isFalse();
        assertThat(IdempotentEndpoints.covers("POST", "/local/tokens")).isFalse();
    }

    @Test
    void a_key_is_1_to_255_printable_ascii_characters() {
        assertThat(IdempotentEndpoints.problemWith("a")).isNull();
        assertThat(IdempotentEndpoints.problemWith(" ~".repeat(127) + "x")).isNull();
        assertThat(IdempotentEndpoints.problemWith("")).isNotNull();
        assertThat(IdempotentEndpoints.problemWith("x".repeat(256))).isNotNull();
        assertThat(IdempotentEndpoints.problemWith("tab\tkey")).isNotNull();
        assertThat(IdempotentEndpoints.problemWith("caf\u00e9")).isNotNull();
        assertThat(IdempotentEndpoints.problemWith("del\u007f")).isNotNull();
    }

    @Test
    void a_fingerprint_ignores_json_field_order_and_whitespace_but_not_values_method_or_path() {
        String a = RequestFingerprint.of("POST", "/api/v1/reservations",
                bytes("{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"A\",\"quantity\":2}]}"));
        String reordered = RequestFingerprint.of("POST", "/api/v1/reservations",
                bytes(" {\n \"lines\": [ {\"quantity\": 2, \"sku\": \"A\"} ], \"orderId\": \"o-1\" }"));
        assertThat(reordered).isEqualTo(a);
        assertThat(RequestFingerprint.of("POST", "/api/v1/reservations",
                bytes("{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"A\",\"quantity\":3}]}"))).isNotEqualTo(a);
        assertThat(RequestFingerprint.of("POST", "/api/v1/coupons",
                bytes("{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"A\",\"quantity\":2}]}"))).isNotEqualTo(a);
        assertThat(RequestFingerprint.of("POST", "/api/v1/r/1/cancel", new byte[0]))
                .isNotEqualTo(RequestFingerprint.of("POST", "/api/v1/r/2/cancel", new byte[0]));
    }

    @Test
    void a_body_that_is_not_json_counts_byte_for_byte() {
        assertThat(RequestFingerprint.canonical(bytes("{not json"))).isEqualTo(bytes("{not json"));
        assertThat(RequestFingerprint.canonical(bytes("{\"a\":1,\"a\":2}"))).isEqualTo(bytes("{\"a\":1,\"a\":2}"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
