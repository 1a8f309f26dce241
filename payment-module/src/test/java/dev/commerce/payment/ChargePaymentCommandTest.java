package dev.commerce.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChargePaymentCommandTest {

    @Test
    void a_missing_key_is_reported_before_anything_else() {
        assertCode(() -> new ChargePaymentCommand(null, null, 0, null), PaymentErrorCode.IDEMPOTENCY_KEY_MISSING);
    }

    @Test
    void a_key_must_be_one_to_255_printable_ascii_characters() {
        assertCode(() -> command(""), PaymentErrorCode.IDEMPOTENCY_KEY_INVALID);
        assertCode(() -> command("x".repeat(256)), PaymentErrorCode.IDEMPOTENCY_KEY_INVALID);
        assertCode(() -> command("tab\there"), PaymentErrorCode.IDEMPOTENCY_KEY_INVALID);
        assertCode(() -> command("caf\u00e9"), PaymentErrorCode.IDEMPOTENCY_KEY_INVALID);
        assertCode(() -> command("del\u007f"), PaymentErrorCode.IDEMPOTENCY_KEY_INVALID);
        assertThat(command("x".repeat(255)).idempotencyKey()).hasSize(255);
        assertThat(command(" ~!\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}").idempotencyKey()).isNotEmpty();
    }

    @Test
    void the_body_fields_are_checked_after_the_key() {
        assertCode(() -> new ChargePaymentCommand("bad\n", "", 0, "x"), PaymentErrorCode.IDEMPOTENCY_KEY_INVALID);
        assertCode(() -> new ChargePaymentCommand("k", " ", 1, "KRW"), PaymentErrorCode.INVALID_REQUEST);
        assertCode(() -> new ChargePaymentCommand("k", "o".repeat(101), 1, "KRW"), PaymentErrorCode.INVALID_REQUEST);
        assertCode(() -> new ChargePaymentCommand("k", "o", 0, "KRW"), PaymentErrorCode.INVALID_REQUEST);
        assertCode(() -> new ChargePaymentCommand("k", "o", -5, "KRW"), PaymentErrorCode.INVALID_REQUEST);
        assertCode(() -> new ChargePaymentCommand("k", "o", ChargePaymentCommand.MAX_AMOUNT + 1, "KRW"),
                PaymentErrorCode.INVALID_REQUEST);
        assertCode(() -> new ChargePaymentCommand("k", "o", 1, "krw"), PaymentErrorCode.INVALID_REQUEST);
        assertCode(() -> new ChargePaymentCommand("k", "o", 1, "KRWX"), PaymentErrorCode.INVALID_REQUEST);
        assertCode(() -> new ChargePaymentCommand("k", "o", 1, null), PaymentErrorCode.INVALID_REQUEST);
    }

    @Test
    void the_fingerprint_depends_on_the_request_fields_only() {
        ChargePaymentCommand a = new ChargePaymentCommand("k-1", "o-1", 15_000, "KRW");

        assertThat(a.fingerprint()).hasSize(64).isEqualTo(new ChargePaymentCommand("k-2", "o-1", 15_000, "KRW").fingerprint());
        assertThat(a.fingerprint()).isNotEqualTo(new ChargePaymentCommand("k-1", "o-1", 15_001, "KRW").fingerprint());
        assertThat(a.fingerprint()).isNotEqualTo(new ChargePaymentCommand("k-1", "o-2", 15_000, "KRW").fingerprint());
        assertThat(a.fingerprint()).isNotEqualTo(new ChargePaymentCommand("k-1", "o-1", 15_000, "USD").fingerprint());
    }

    private static ChargePaymentCommand command(String key) {
        return new ChargePaymentCommand(key, "o-1", 15_000, "KRW");
    }

    private static void assertCode(Runnable call, PaymentErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PaymentException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
