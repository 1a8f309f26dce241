package dev.commerce.payment.application;

import static dev.commerce.payment.application.Payments.charge;
import static dev.commerce.payment.application.Payments.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.payment.ChargePaymentCommand;
import dev.commerce.payment.PaymentErrorCode;
import dev.commerce.payment.PaymentException;
import dev.commerce.payment.PaymentStatus;
import dev.commerce.payment.PaymentView;
import dev.commerce.payment.RecordedResponse;
import dev.commerce.payment.application.port.GatewayChargeRequest;
import dev.commerce.payment.domain.IdempotencyRecord;
import dev.commerce.payment.domain.IdempotencyState;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The charge use case on in-memory adapters: every idempotency rule, every gateway failure. */
class PaymentChargerTest {

    private final Payments payments = new Payments();
    // own threads: the common pool may have a single worker on a small machine
    private final ExecutorService background = Executors.newCachedThreadPool();

    @AfterEach
    void stopBackground() {
        background.shutdownNow();
    }

    @Test
    void a_first_request_charges_once_and_records_an_approved_payment() {
        RecordedResponse response = payments.charge(charge("k-1", "o-1", 15_000));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.replayed()).isFalse();
        assertThat(payments.gateway.charges()).isEqualTo(1);
        assertThat(payments.payments.findAll()).singleElement().satisfies(payment -> {
            assertThat(payment.status()).isEqualTo(PaymentStatus.APPROVED);
            assertThat(payment.orderId()).isEqualTo("o-1");
            assertThat(payment.amount()).isEqualTo(15_000);
            assertThat(response.body()).contains(payment.id(), payment.gatewayTransactionId());
        });
        assertThat(payments.keys.find(key("k-1"))).get().extracting(IdempotencyRecord::state).isEqualTo(IdempotencyState.COMPLETED);
    }

    @Test
    void a_repeated_request_gets_the_recorded_response_again_without_a_second_charge() {
        RecordedResponse first = payments.charge(charge("k-1", "o-1", 15_000));

        RecordedResponse again = payments.charge(charge("k-1", "o-1", 15_000));

        assertThat(again.status()).isEqualTo(first.status());
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.replayed()).isTrue();
        assertThat(payments.gateway.chargeRequests()).isEqualTo(1);
        assertThat(payments.payments.findAll()).hasSize(1);
    }

    @Test
    void the_same_key_with_a_different_request_is_rejected_as_reused() {
        payments.charge(charge("k-1", "o-1", 15_000));

        assertCode(() -> payments.charge(charge("k-1", "o-1", 15_001)), PaymentErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertCode(() -> payments.charge(charge("k-1", "o-2", 15_000)), PaymentErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertCode(() -> payments.charge(new ChargePaymentCommand("k-1", "o-1", 15_000, "USD")),
                PaymentErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertThat(payments.gateway.chargeRequests()).isEqualTo(1);
    }

    @Test
    void a_decline_is_recorded_and_replayed_as_the_same_402() {
        RecordedResponse first = payments.charge(charge("k-1", "o-1", 5_000_001));
        RecordedResponse again = payments.charge(charge("k-1", "o-1", 5_000_001));

        assertThat(first.status()).isEqualTo(402);
        assertThat(again.status()).isEqualTo(402);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.replayed()).isTrue();
        assertThat(payments.gateway.chargeRequests()).isEqualTo(1);
        assertThat(payments.payments.findAll()).singleElement()
                .extracting(payment -> payment.status()).isEqualTo(PaymentStatus.DECLINED);
    }

    @Test
    void five_million_exactly_is_approved() {
        assertThat(payments.charge(charge("k-1", "o-1", 5_000_000)).status()).isEqualTo(201);
    }

    @Test
    void a_request_while_the_first_is_still_running_is_told_it_is_in_progress() throws Exception {
        payments.gateway.holdCharges();
        CompletableFuture<RecordedResponse> first = CompletableFuture.supplyAsync(
                () -> payments.charge(charge("k-1", "o-1", 15_000)), background);
        assertThat(payments.gateway.awaitFirstCharge()).isTrue();

        assertCode(() -> payments.charge(charge("k-1", "o-1", 15_000)), PaymentErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS);

        payments.gateway.release();
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
        assertThat(payments.charge(charge("k-1", "o-1", 15_000)).replayed()).isTrue();
        assertThat(payments.gateway.chargeRequests()).isEqualTo(1);
    }

    @Test
    void a_time_out_after_the_charge_is_a_gateway_timeout_and_the_retry_settles_it_without_charging_again() {
        payments.gateway.timeOutAfterChargeNext(1);

        assertCode(() -> payments.charge(charge("k-1", "o-1", 15_000)), PaymentErrorCode.GATEWAY_TIMEOUT);
        assertThat(payments.keys.find(key("k-1"))).get().extracting(IdempotencyRecord::state).isEqualTo(IdempotencyState.UNKNOWN);
        assertThat(payments.payments.findAll()).isEmpty();

        RecordedResponse retry = payments.charge(charge("k-1", "o-1", 15_000));

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.replayed()).isFalse();
        assertThat(payments.gateway.charges()).isEqualTo(1);
        assertThat(payments.gateway.chargeRequests()).as("the retry asked, it did not charge").isEqualTo(1);
        assertThat(payments.payments.findAll()).singleElement()
                .extracting(payment -> payment.status()).isEqualTo(PaymentStatus.APPROVED);
    }

    @Test
    void a_server_error_after_the_charge_is_a_bad_gateway_and_the_retry_settles_it_without_charging_again() {
        payments.gateway.failAfterChargeNext(1);

        assertCode(() -> payments.charge(charge("k-1", "o-1", 15_000)), PaymentErrorCode.GATEWAY_UNAVAILABLE);
        RecordedResponse retry = payments.charge(charge("k-1", "o-1", 15_000));

        assertThat(retry.status()).isEqualTo(201);
        assertThat(payments.gateway.charges()).isEqualTo(1);
        assertThat(payments.gateway.chargeRequests()).isEqualTo(1);
        assertThat(payments.payments.findAll()).hasSize(1);
    }

    @Test
    void a_gateway_that_was_never_reached_frees_the_key_and_the_retry_charges_once() {
        payments.gateway.failBeforeChargeNext(1);

        assertCode(() -> payments.charge(charge("k-1", "o-1", 15_000)), PaymentErrorCode.GATEWAY_UNAVAILABLE);
        assertThat(payments.keys.find(key("k-1"))).isEmpty();

        assertThat(payments.charge(charge("k-1", "o-1", 15_000)).status()).isEqualTo(201);
        assertThat(payments.gateway.charges()).isEqualTo(1);
        assertThat(payments.payments.findAll()).hasSize(1);
    }

    @Test
    void a_failed_look_up_keeps_the_outcome_unknown_until_a_later_retry_settles_it() {
        payments.gateway.timeOutAfterChargeNext(1);
        assertCode(() -> payments.charge(charge("k-1", "o-1", 15_000)), PaymentErrorCode.GATEWAY_TIMEOUT);
        payments.gateway.failLookupsNext(1);

        assertCode(() -> payments.charge(charge("k-1", "o-1", 15_000)), PaymentErrorCode.GATEWAY_TIMEOUT);
        assertThat(payments.keys.find(key("k-1"))).get().extracting(IdempotencyRecord::state).isEqualTo(IdempotencyState.UNKNOWN);

        assertThat(payments.charge(charge("k-1", "o-1", 15_000)).status()).isEqualTo(201);
        assertThat(payments.gateway.chargeRequests()).isEqualTo(1);
        assertThat(payments.payments.findAll()).hasSize(1);
    }

    @Test
    void a_key_left_in_progress_by_a_crash_after_charging_is_settled_by_the_next_retry_without_a_second_charge() {
        crashAfterCharging("k-1", "o-1", 15_000);
        payments.clock.advance(Payments.LEASE);

        RecordedResponse retry = payments.charge(charge("k-1", "o-1", 15_000));

        assertThat(retry.status()).isEqualTo(201);
        assertThat(payments.gateway.charges()).isEqualTo(1);
        assertThat(payments.gateway.chargeRequests()).as("only the crashed request charged").isEqualTo(1);
        assertThat(payments.payments.findAll()).hasSize(1);
    }

    @Test
    void a_key_left_in_progress_by_a_crash_before_charging_is_charged_once_by_the_next_retry() {
        crashBeforeCharging("k-1", "o-1", 15_000);
        payments.clock.advance(Payments.LEASE);

        assertThat(payments.charge(charge("k-1", "o-1", 15_000)).status()).isEqualTo(201);
        assertThat(payments.gateway.charges()).isEqualTo(1);
        assertThat(payments.payments.findAll()).hasSize(1);
    }

    @Test
    void a_key_whose_lease_still_runs_is_in_progress_even_if_its_request_crashed() {
        crashAfterCharging("k-1", "o-1", 15_000);
        payments.clock.advance(Payments.LEASE.minusMillis(1));

        assertCode(() -> payments.charge(charge("k-1", "o-1", 15_000)), PaymentErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS);
        assertThat(payments.payments.findAll()).isEmpty();
    }

    @Test
    void a_request_that_lost_its_key_to_a_take_over_records_nothing_twice() throws Exception {
        payments.gateway.holdCharges();
        CompletableFuture<RecordedResponse> slow = CompletableFuture.supplyAsync(
                () -> payments.charge(charge("k-1", "o-1", 15_000)), background);
        assertThat(payments.gateway.awaitFirstCharge()).isTrue();
        payments.clock.advance(Payments.LEASE);
        // the take-over asks the gateway (nothing yet: the slow charge is held), then charges too
        CompletableFuture<RecordedResponse> retry = CompletableFuture.supplyAsync(
                () -> payments.charge(charge("k-1", "o-1", 15_000)), background);
        assertThat(payments.gateway.awaitChargeRequests(2)).isTrue();

        payments.gateway.release();
        RecordedResponse retryResponse = retry.get(30, TimeUnit.SECONDS);

        assertThat(retryResponse.status()).isEqualTo(201);
        try {
            // the slow request cannot complete the key; it repeats the new owner's response, or
            // says the key is in progress if it looks before the new owner has recorded it
            RecordedResponse slowResponse = slow.get(30, TimeUnit.SECONDS);
            assertThat(slowResponse.body()).isEqualTo(retryResponse.body());
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOfSatisfying(PaymentException.class,
                    p -> assertThat(p.code()).isEqualTo(PaymentErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS));
        }
        assertThat(payments.gateway.charges()).isEqualTo(1);
        assertThat(payments.payments.findAll()).hasSize(1);
        assertThat(payments.charge(charge("k-1", "o-1", 15_000)).body()).isEqualTo(retryResponse.body());
    }

    @Test
    void a_payment_can_be_read_back_and_an_unknown_one_is_not_found() {
        RecordedResponse response = payments.charge(charge("k-1", "o-1", 15_000));
        String id = payments.payments.findAll().getFirst().id();

        PaymentView view = payments.reader.getPayment(Payments.BUYER, id);

        assertThat(view.status()).isEqualTo(PaymentStatus.APPROVED);
        assertThat(response.body()).isEqualTo("approved " + view);
        assertCode(() -> payments.reader.getPayment(Payments.BUYER, "nope"), PaymentErrorCode.PAYMENT_NOT_FOUND);
    }

    private void crashAfterCharging(String key, String orderId, long amount) {
        crashBeforeCharging(key, orderId, amount);
        payments.gateway.charge(new GatewayChargeRequest(key(key).forGateway(), orderId, amount, "KRW"));
    }

    /** What a request that claimed the key and then died leaves behind. */
    private void crashBeforeCharging(String key, String orderId, long amount) {
        String fingerprint = charge(key, orderId, amount).fingerprint();
        assertThat(payments.keys.claim(IdempotencyRecord.claimed(key(key), fingerprint, "crashed-owner",
                payments.clock.instant(), payments.clock.instant().plus(Payments.LEASE)))).isTrue();
    }

    static void assertCode(Runnable call, PaymentErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PaymentException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

}
