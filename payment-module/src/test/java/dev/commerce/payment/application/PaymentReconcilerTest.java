package dev.commerce.payment.application;

import static dev.commerce.payment.application.Payments.charge;
import static dev.commerce.payment.application.Payments.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.payment.PaymentErrorCode;
import dev.commerce.payment.PaymentSettled;
import dev.commerce.payment.PaymentStatus;
import dev.commerce.payment.adapter.out.memory.FakePaymentGateway;
import dev.commerce.payment.RecordedResponse;
import dev.commerce.payment.application.port.GatewayChargeRequest;
import dev.commerce.payment.domain.IdempotencyRecord;
import dev.commerce.payment.domain.IdempotencyState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The background settling of unknown and abandoned keys, and the sweep of old ones. */
class PaymentReconcilerTest {

    private static final Duration GRACE = Duration.ofMinutes(1);
    private final Payments payments = new Payments();

    @Test
    void an_unknown_outcome_nobody_retried_is_settled_from_the_gateway_and_later_replayed() {
        payments.gateway.timeOutAfterChargeNext(1);
        PaymentChargerTest.assertCode(() -> payments.charge(charge("k-1", "o-1", 15_000)), PaymentErrorCode.GATEWAY_TIMEOUT);

        assertThat(payments.reconciler.reconcile(payments.clock.instant().minus(GRACE), 100))
                .as("too recent: the client may still retry").isZero();
        payments.clock.advance(GRACE);
        assertThat(payments.reconciler.reconcile(payments.clock.instant().minus(GRACE), 100)).isEqualTo(1);

        assertThat(payments.keys.find(key("k-1"))).get().extracting(IdempotencyRecord::state).isEqualTo(IdempotencyState.COMPLETED);
        assertThat(payments.payments.findAll()).hasSize(1);
        RecordedResponse retry = payments.charge(charge("k-1", "o-1", 15_000));
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.replayed()).isTrue();
        assertThat(payments.gateway.chargeRequests()).isEqualTo(1);
    }

    @Test
    void settling_an_approved_unknown_outcome_announces_the_payment_once() {
        payments.gateway.timeOutAfterChargeNext(1);
        PaymentChargerTest.assertCode(() -> payments.charge(charge("order:o-1:0", "o-1", 15_000)),
                PaymentErrorCode.GATEWAY_TIMEOUT);
        assertThat(payments.events.published()).isEmpty();
        payments.clock.advance(GRACE);

        assertThat(payments.reconciler.reconcile(payments.clock.instant().minus(GRACE), 100)).isEqualTo(1);

        String paymentId = payments.payments.findAll().getFirst().id();
        assertThat(payments.events.published()).containsExactly(new PaymentSettled(paymentId, "o-1",
                Payments.BUYER.userId(), "order:o-1:0", PaymentStatus.APPROVED, 15_000, "KRW"));
        payments.charge(charge("order:o-1:0", "o-1", 15_000)); // a replay announces nothing
        assertThat(payments.reconciler.reconcile(payments.clock.instant(), 100)).isZero();
        assertThat(payments.events.published()).hasSize(1);
    }

    @Test
    void a_declined_unknown_outcome_or_a_key_that_charged_nothing_is_not_announced() {
        payments.gateway.timeOutAfterChargeNext(1);
        PaymentChargerTest.assertCode(() -> payments.charge(charge("k-declined", "o-1",
                FakePaymentGateway.DECLINE_ABOVE + 1)), PaymentErrorCode.GATEWAY_TIMEOUT);
        Instant now = payments.clock.instant();
        payments.keys.claim(IdempotencyRecord.claimed(key("k-nothing"), charge("k-nothing", "o-2", 15_000).fingerprint(),
                "crashed", now, now.plus(Payments.LEASE)));
        payments.clock.advance(Payments.LEASE.plus(GRACE));

        assertThat(payments.reconciler.reconcile(payments.clock.instant().minus(GRACE), 100)).isEqualTo(2);

        assertThat(payments.payments.findAll()).singleElement().extracting(p -> p.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(payments.events.published()).isEmpty();
    }

    @Test
    void a_charge_answered_to_its_client_is_not_announced() {
        assertThat(payments.charge(charge("k-1", "o-1", 15_000)).status()).isEqualTo(201);
        payments.clock.advance(GRACE);

        assertThat(payments.reconciler.reconcile(payments.clock.instant(), 100)).isZero();
        assertThat(payments.events.published()).isEmpty();
    }

    @Test
    void a_retry_that_settles_an_approved_unknown_outcome_announces_it_too() {
        payments.gateway.timeOutAfterChargeNext(1);
        PaymentChargerTest.assertCode(() -> payments.charge(charge("k-1", "o-1", 15_000)), PaymentErrorCode.GATEWAY_TIMEOUT);

        assertThat(payments.charge(charge("k-1", "o-1", 15_000)).status()).isEqualTo(201);

        assertThat(payments.events.published()).singleElement().extracting(PaymentSettled::orderId).isEqualTo("o-1");
        assertThat(payments.gateway.charges()).isEqualTo(1);
    }

    @Test
    void an_abandoned_key_the_gateway_never_charged_is_freed_without_charging() {
        Instant now = payments.clock.instant();
        String fingerprint = charge("k-1", "o-1", 15_000).fingerprint();
        payments.keys.claim(IdempotencyRecord.claimed(key("k-1"), fingerprint, "crashed", now, now.plus(Payments.LEASE)));
        payments.clock.advance(Payments.LEASE.plus(GRACE));

        assertThat(payments.reconciler.reconcile(payments.clock.instant().minus(GRACE), 100)).isEqualTo(1);

        assertThat(payments.keys.find(key("k-1"))).isEmpty();
        assertThat(payments.gateway.chargeRequests()).isZero();
        assertThat(payments.charge(charge("k-1", "o-1", 15_000)).status()).isEqualTo(201);
        assertThat(payments.gateway.charges()).isEqualTo(1);
    }

    @Test
    void an_abandoned_key_the_gateway_did_charge_is_completed_with_its_payment() {
        Instant now = payments.clock.instant();
        String fingerprint = charge("k-1", "o-1", 15_000).fingerprint();
        payments.keys.claim(IdempotencyRecord.claimed(key("k-1"), fingerprint, "crashed", now, now.plus(Payments.LEASE)));
        payments.gateway.charge(new GatewayChargeRequest(key("k-1").forGateway(), "o-1", 15_000, "KRW"));
        payments.clock.advance(Payments.LEASE.plus(GRACE));

        assertThat(payments.reconciler.reconcile(payments.clock.instant().minus(GRACE), 100)).isEqualTo(1);

        assertThat(payments.payments.findAll()).hasSize(1);
        assertThat(payments.gateway.chargeRequests()).isEqualTo(1);
    }

    @Test
    void a_gateway_that_cannot_answer_leaves_the_key_unknown_for_the_next_round() {
        payments.gateway.timeOutAfterChargeNext(1);
        PaymentChargerTest.assertCode(() -> payments.charge(charge("k-1", "o-1", 15_000)), PaymentErrorCode.GATEWAY_TIMEOUT);
        payments.clock.advance(GRACE);
        payments.gateway.failLookupsNext(1);

        assertThat(payments.reconciler.reconcile(payments.clock.instant().minus(GRACE), 100)).isZero();
        assertThat(payments.keys.find(key("k-1"))).get().extracting(IdempotencyRecord::state).isEqualTo(IdempotencyState.UNKNOWN);

        payments.clock.advance(GRACE);
        assertThat(payments.reconciler.reconcile(payments.clock.instant().minus(GRACE), 100)).isEqualTo(1);
        assertThat(payments.payments.findAll()).hasSize(1);
    }

    @Test
    void completed_keys_are_forgotten_after_their_retention_and_younger_ones_kept() {
        payments.charge(charge("old", "o-1", 15_000));
        payments.clock.advance(Duration.ofHours(1));
        payments.charge(charge("young", "o-2", 15_000));

        int forgotten = payments.reconciler.forgetCompletedKeys(payments.clock.instant().minus(Duration.ofMinutes(30)));

        assertThat(forgotten).isEqualTo(1);
        assertThat(payments.keys.find(key("old"))).isEmpty();
        assertThat(payments.keys.find(key("young"))).isPresent();
    }

    @Test
    void a_forgotten_key_sent_again_with_the_same_request_returns_the_same_payment_without_charging_again() {
        RecordedResponse first = payments.charge(charge("k-1", "o-1", 15_000));
        payments.clock.advance(Duration.ofDays(2));
        payments.reconciler.forgetCompletedKeys(payments.clock.instant().minus(Duration.ofDays(1)));

        RecordedResponse again = payments.charge(charge("k-1", "o-1", 15_000));

        assertThat(again.body()).isEqualTo(first.body());
        assertThat(payments.gateway.charges()).isEqualTo(1);
        assertThat(payments.payments.findAll()).hasSize(1);
    }

    @Test
    void a_forgotten_key_sent_again_with_another_request_is_rejected_as_reused() {
        payments.charge(charge("k-1", "o-1", 15_000));
        payments.clock.advance(Duration.ofDays(2));
        payments.reconciler.forgetCompletedKeys(payments.clock.instant().minus(Duration.ofDays(1)));

        PaymentChargerTest.assertCode(() -> payments.charge(charge("k-1", "o-2", 99)), PaymentErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertThat(payments.keys.find(key("k-1"))).isEmpty();
        assertThat(payments.payments.findAll()).hasSize(1);
    }
}
