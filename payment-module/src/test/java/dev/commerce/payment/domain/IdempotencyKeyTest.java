package dev.commerce.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.payment.ChargePaymentCommand;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    private static final String LONGEST = "k".repeat(ChargePaymentCommand.MAX_KEY_LENGTH);

    @Test
    void the_key_forwarded_to_the_gateway_names_the_user_and_the_clients_key() {
        assertThat(new IdempotencyKey(42, "order-7-attempt-1").forGateway()).isEqualTo("42:order-7-attempt-1");
        assertThat(new IdempotencyKey(43, "order-7-attempt-1").forGateway()).isEqualTo("43:order-7-attempt-1");
    }

    @Test
    void a_key_too_long_to_forward_with_its_user_is_forwarded_as_its_hash_within_the_gateways_limit() {
        String forwarded = new IdempotencyKey(Long.MAX_VALUE, LONGEST).forGateway();

        assertThat(forwarded).hasSizeLessThanOrEqualTo(IdempotencyKey.MAX_GATEWAY_KEY_LENGTH)
                .matches(Long.MAX_VALUE + ";[0-9a-f]{64}");
        assertThat(forwarded).isNotEqualTo(new IdempotencyKey(Long.MAX_VALUE, LONGEST.substring(1) + "j").forGateway());
        assertThat(forwarded).isNotEqualTo(new IdempotencyKey(1, LONGEST).forGateway());
    }

    @Test
    void a_key_that_just_fits_with_its_user_is_forwarded_as_it_is() {
        String value = "k".repeat(IdempotencyKey.MAX_GATEWAY_KEY_LENGTH - "42:".length());

        assertThat(new IdempotencyKey(42, value).forGateway()).isEqualTo("42:" + value);
        assertThat(new IdempotencyKey(42, value + "k").forGateway()).startsWith("42;");
    }

    @Test
    void a_key_from_before_keys_belonged_to_users_is_forwarded_as_it_was_then() {
        assertThat(new IdempotencyKey(0, "k-old").forGateway()).isEqualTo("k-old");
    }

    @Test
    void a_key_has_a_user_that_is_not_negative_and_a_value() {
        assertThatThrownBy(() -> new IdempotencyKey(-1, "k")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdempotencyKey(1, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdempotencyKey(1, null)).isInstanceOf(NullPointerException.class);
    }
}
