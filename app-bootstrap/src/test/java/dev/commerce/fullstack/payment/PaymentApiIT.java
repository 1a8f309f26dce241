package dev.commerce.fullstack.payment;

import static dev.commerce.fullstack.payment.PaymentTestSupport.body;
import static dev.commerce.fullstack.payment.PaymentTestSupport.newKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import dev.commerce.payment.adapter.out.gateway.simulator.GatewaySimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The payments contract of API.md, end to end: real HTTP, real PostgreSQL, the gateway simulator over HTTP. */
class PaymentApiIT extends FullStackTest {

    @Autowired
    GatewaySimulator simulator;

    private PaymentTestSupport payments;

    @BeforeEach
    void setUp() {
        payments = new PaymentTestSupport(port, jdbc, simulator);
    }

    @AfterEach
    void resetFaults() {
        payments.resetFaults();
    }

    @Test
    void the_same_key_from_two_users_names_two_requests_each_charged_once_and_replayed_to_its_sender() {
        String key = newKey();

        Response first = payments.charge(key, body("o-user-1", 1_000));
        Response other = payments.chargeAs(2, key, body("o-user-2", 2_000));
        Response firstAgain = payments.charge(key, body("o-user-1", 1_000));
        Response otherAgain = payments.chargeAs(2, key, body("o-user-2", 2_000));

        assertThat(first.status()).isEqualTo(201);
        assertThat(other.status()).as("not 422: the other user's key is another key").isEqualTo(201);
        assertThat(other.json().path("id").asString()).isNotEqualTo(first.json().path("id").asString());
        assertThat(firstAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(firstAgain.json()).isEqualTo(first.json());
        assertThat(otherAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(otherAgain.json()).isEqualTo(other.json());
        assertThat(jdbc.queryForObject("select count(*) from gateway_simulator.charge where idempotency_key in (?, ?)",
                Long.class, new dev.commerce.payment.domain.IdempotencyKey(1, key).forGateway(),
                new dev.commerce.payment.domain.IdempotencyKey(2, key).forGateway())).isEqualTo(2);
    }

    @Test
    void a_charge_is_201_with_an_approved_payment_that_can_be_read_back() {
        String key = newKey();

        Response created = payments.charge(key, body("o-1", 15_000));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Content-Type")).startsWith("application/json");
        assertThat(created.header("Idempotent-Replayed")).isNull();
        // a payment answer is never stored by a cache, and never sniffed as another content type
        assertThat(created.header("Cache-Control")).contains("no-store");
        assertThat(created.header("X-Content-Type-Options")).isEqualTo("nosniff");
        JsonNode view = created.json();
        assertThat(view.path("orderId").asString()).isEqualTo("o-1");
        assertThat(view.path("amount").asLong()).isEqualTo(15_000);
        assertThat(view.path("currency").asString()).isEqualTo("KRW");
        assertThat(view.path("status").asString()).isEqualTo("APPROVED");
        assertThat(view.path("gatewayTransactionId").asString()).isNotBlank();
        Response read = payments.get("/api/v1/payments/" + view.path("id").asString());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(view);
        assertThat(payments.gatewayCharges(key)).isEqualTo(1);
        assertThat(payments.payments(key)).isEqualTo(1);
    }

    @Test
    void an_unknown_payment_is_a_404_problem() {
        Response response = payments.get("/api/v1/payments/no-such-payment");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("PAYMENT_NOT_FOUND");
    }

    @Test
    void a_repeated_request_gets_the_same_status_and_body_marked_as_replayed_even_with_reordered_fields() {
        String key = newKey();
        Response first = payments.charge(key, body("o-1", 15_000));

        Response again = payments.charge(key, body("o-1", 15_000));
        Response reordered = payments.charge(key, "{ \"currency\":\"KRW\",\n  \"amount\" : 15000, \"orderId\":\"o-1\" }");

        for (Response replay : new Response[] {again, reordered}) {
            assertThat(replay.status()).isEqualTo(201);
            assertThat(replay.body()).isEqualTo(first.body());
            assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        }
        payments.assertChargedOnce(key);
    }

    @Test
    void the_same_key_with_a_different_body_is_a_422() {
        String key = newKey();
        payments.charge(key, body("o-1", 15_000));

        Response otherAmount = payments.charge(key, body("o-1", 15_001));
        Response otherOrder = payments.charge(key, body("o-2", 15_000));

        assertThat(otherAmount.status()).isEqualTo(422);
        assertThat(otherAmount.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(otherOrder.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(payments.gatewayChargeRequests(key)).isEqualTo(1);
        assertThat(payments.payments(key)).isEqualTo(1);
    }

    @Test
    void a_missing_or_invalid_key_is_a_400_and_stores_nothing() {
        Response missing = payments.charge(null, body("o-1", 15_000));
        String tooLong = "k".repeat(256);
        Response invalid = payments.charge(tooLong, body("o-1", 15_000));
        Response empty = payments.charge("", body("o-1", 15_000));

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("IDEMPOTENCY_KEY_MISSING");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("IDEMPOTENCY_KEY_INVALID");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.code()).isEqualTo("IDEMPOTENCY_KEY_INVALID");
        assertThat(payments.keys(tooLong)).isZero();
        assertThat(payments.keys("")).isZero();
        String longest = "k".repeat(255);
        assertThat(payments.charge(longest, body("o-1", 15_000)).status()).isEqualTo(201);
        jdbc.update("delete from payment.idempotency_key where idempotency_key = ?", longest);
    }

    @Test
    void malformed_bodies_are_400_and_store_or_charge_nothing() {
        String key = newKey();
        String[] bad = {
            "{\"orderId\": \"o-1\", \"amount\": 0, \"currency\": \"KRW\"}",
            "{\"orderId\": \"o-1\", \"amount\": -1, \"currency\": \"KRW\"}",
            "{\"orderId\": \"o-1\", \"amount\": 1000000000001, \"currency\": \"KRW\"}",
            "{\"orderId\": \"o-1\", \"amount\": 10.5, \"currency\": \"KRW\"}",
            "{\"orderId\": \"o-1\", \"amount\": \"ten\", \"currency\": \"KRW\"}",
            "{\"orderId\": \"o-1\", \"amount\": \"100\", \"currency\": \"KRW\"}",
            "{\"orderId\": \"o-1\", \"amount\": null, \"currency\": \"KRW\"}",
            "{\"orderId\": \"o-1\", \"amount\": 100, \"currency\": 123}",
            "{\"orderId\": 7, \"amount\": 100, \"currency\": \"KRW\"}",
            "{\"orderId\": \"o-1\", \"amount\": true, \"currency\": \"KRW\"}",
            "{\"orderId\": \"o-1\", \"amount\": 99999999999999999999999, \"currency\": \"KRW\"}",
            "[]",
            "{\"orderId\": \"o-1\", \"currency\": \"KRW\"}",
            "{\"orderId\": \"o-1\", \"amount\": 100, \"currency\": \"krw\"}",
            "{\"orderId\": \"\", \"amount\": 100, \"currency\": \"KRW\"}",
            "{\"orderId\": \"" + "o".repeat(101) + "\", \"amount\": 100, \"currency\": \"KRW\"}",
            "{\"orderId\": \"o-1\", \"amount\": 100, \"currency\": \"KRW\", \"extra\": 1}",
            "{\"orderId\": \"o-1\", \"amount\": 100",
            "",
        };
        for (String body : bad) {
            Response response = payments.charge(key, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.code()).as(body).isEqualTo("INVALID_REQUEST");
        }
        assertThat(payments.keys(key)).isZero();
        assertThat(payments.gatewayChargeRequests(key)).isZero();
        assertThat(payments.charge(key, body("o-1", 100)).status()).as("the key is still unused").isEqualTo(201);
    }

    @Test
    void a_decline_is_a_recorded_402_replayed_with_the_same_body() {
        String key = newKey();

        Response first = payments.charge(key, body("o-1", 5_000_001));
        Response again = payments.charge(key, body("o-1", 5_000_001));

        assertThat(first.status()).isEqualTo(402);
        assertThat(first.header("Content-Type")).startsWith("application/problem+json");
        assertThat(first.code()).isEqualTo("PAYMENT_DECLINED");
        assertThat(first.json().path("type").asString()).isEqualTo("urn:problem-type:commerce:payment-declined");
        assertThat(again.status()).isEqualTo(402);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(payments.gatewayChargeRequests(key)).isEqualTo(1);
        assertThat(payments.payments(key)).isEqualTo(1);
        assertThat(payments.paymentStatus(key)).isEqualTo("DECLINED");
        String paymentId = first.json().path("paymentId").asString();
        assertThat(payments.get("/api/v1/payments/" + paymentId).json().path("status").asString()).isEqualTo("DECLINED");
    }
}
