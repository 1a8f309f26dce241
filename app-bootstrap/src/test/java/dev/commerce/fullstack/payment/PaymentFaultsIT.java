package dev.commerce.fullstack.payment;

import static dev.commerce.fullstack.payment.PaymentTestSupport.body;
import static dev.commerce.fullstack.payment.PaymentTestSupport.newKey;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.Tokens;
import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import dev.commerce.testing.ConcurrentRun;
import dev.commerce.payment.ChargePaymentCommand;
import dev.commerce.payment.ReconcilePaymentsUseCase;
import dev.commerce.payment.adapter.out.gateway.simulator.GatewaySimulator;
import dev.commerce.testing.Figures;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * At most one charge per key whatever fails: concurrent duplicates, gateway time-outs and 5xx
 * after charging, crashed requests, and the background reconciler. Charges are counted in the
 * simulator's ledger and payments in the payment tables.
 */
class PaymentFaultsIT extends FullStackTest {

    @Autowired
    GatewaySimulator simulator;

    @Autowired
    ReconcilePaymentsUseCase reconciler;

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
    void one_hundred_concurrent_identical_requests_give_one_charge_one_payment_and_only_replays_or_409s() {
        String key = newKey();
        // a slow gateway keeps the first request in flight while the others arrive
        payments.faults("{\"latencyMillis\": 300}");

        List<Response> responses = ConcurrentRun.results(100, worker -> payments.charge(key, body("o-1", 15_000)));

        List<Response> firsts = responses.stream()
                .filter(r -> r.status() == 201 && r.header("Idempotent-Replayed") == null).toList();
        assertThat(firsts).hasSize(1);
        Response first = firsts.getFirst();
        Map<String, Long> kinds = new TreeMap<>(responses.stream().collect(groupingBy(r -> {
            if (r == first) {
                return "FIRST_201";
            }
            if (r.status() == 201 && r.body().equals(first.body()) && "true".equals(r.header("Idempotent-Replayed"))) {
                return "REPLAY_201";
            }
            return r.status() + "_" + r.code();
        }, counting())));
        String figures = Figures.report("PaymentFaultsIT",
                "100 concurrent identical requests: outcomes=%s gatewayCharges=%d "
                + "gatewayChargeRequests=%d paymentRows=%d keyRows=%d", kinds, payments.gatewayCharges(key),
                payments.gatewayChargeRequests(key), payments.payments(key), payments.keys(key));

        assertThat(kinds.keySet())
                .as(figures).isSubsetOf("FIRST_201", "REPLAY_201", "409_IDEMPOTENCY_REQUEST_IN_PROGRESS");
        assertThat(kinds.values().stream().mapToLong(Long::longValue).sum()).as(figures).isEqualTo(100);
        payments.assertChargedOnce(key);
        assertThat(payments.keyState(key)).as(figures).isEqualTo("COMPLETED");
    }

    @Test
    void no_transaction_or_row_lock_on_the_key_is_held_while_the_gateway_is_called() throws Exception {
        String key = newKey();
        payments.faults("{\"latencyMillis\": 1500}");
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<Response> inFlight = background.submit(() -> payments.charge(key, body("o-1", 15_000)));

            // the claim is visible to another connection at once: it was committed before the call
            awaitTrue("the key IN_PROGRESS", () -> "IN_PROGRESS".equals(payments.keyState(key)));
            // and nobody holds a lock on the row: NOWAIT would fail with lock_not_available
            String locked = jdbc.queryForObject(
                    "select state from payment.idempotency_key where idempotency_key = ? for update nowait", String.class, key);
            long paymentsDuringCall = payments.payments(key);

            assertThat(locked).isEqualTo("IN_PROGRESS");
            assertThat(paymentsDuringCall).isZero();
            assertThat(inFlight.get(60, TimeUnit.SECONDS).status()).isEqualTo(201);
            assertThat(payments.gatewayCharges(key)).isEqualTo(1);
            assertThat(payments.payments(key)).isEqualTo(1);
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void a_gateway_that_times_out_after_charging_then_a_retry_gives_one_charge_and_an_approved_payment() {
        String key = newKey();
        payments.faults("{\"timeoutAfterChargeNext\": 1}");

        Response first = payments.charge(key, body("o-1", 15_000));
        String stateAfterTimeout = payments.keyState(key);
        long paymentsAfterTimeout = payments.payments(key);
        Response retry = payments.charge(key, body("o-1", 15_000));

        assertThat(first.status()).isEqualTo(504);
        assertThat(first.code()).isEqualTo("GATEWAY_TIMEOUT");
        assertThat(stateAfterTimeout).isEqualTo("UNKNOWN");
        assertThat(paymentsAfterTimeout).isZero();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().path("status").asString()).isEqualTo("APPROVED");
        assertThat(payments.gatewayCharges(key)).isEqualTo(1);
        assertThat(payments.gatewayChargeRequests(key)).as("the retry asked the gateway, it did not charge").isEqualTo(1);
        assertThat(payments.payments(key)).isEqualTo(1);
        assertThat(payments.paymentStatus(key)).isEqualTo("APPROVED");
        assertThat(payments.charge(key, body("o-1", 15_000)).body()).isEqualTo(retry.body());
    }

    @Test
    void a_retry_that_cannot_ask_the_gateway_keeps_the_outcome_unknown_and_the_next_retry_settles_it() {
        String key = newKey();
        payments.faults("{\"timeoutAfterChargeNext\": 1, \"failLookupsNext\": 1}");

        Response first = payments.charge(key, body("o-1", 15_000));
        Response blindRetry = payments.charge(key, body("o-1", 15_000));
        String stateAfterBlindRetry = payments.keyState(key);
        Response retry = payments.charge(key, body("o-1", 15_000));

        assertThat(first.status()).isEqualTo(504);
        assertThat(blindRetry.status()).isEqualTo(502);
        assertThat(blindRetry.code()).isEqualTo("GATEWAY_UNAVAILABLE");
        assertThat(stateAfterBlindRetry).isEqualTo("UNKNOWN");
        assertThat(retry.status()).isEqualTo(201);
        payments.assertChargedOnce(key);
    }

    @Test
    void a_gateway_that_fails_with_5xx_after_charging_then_a_retry_gives_one_charge() {
        String key = newKey();
        payments.faults("{\"failAfterChargeNext\": 1}");

        Response first = payments.charge(key, body("o-1", 15_000));
        Response retry = payments.charge(key, body("o-1", 15_000));

        assertThat(first.status()).isEqualTo(502);
        assertThat(first.code()).isEqualTo("GATEWAY_UNAVAILABLE");
        assertThat(retry.status()).isEqualTo(201);
        payments.assertChargedOnce(key);
    }

    @Test
    void a_gateway_5xx_without_a_charge_leaves_the_outcome_unknown_and_the_retry_charges_once() {
        String key = newKey();
        // the simulator answers 503 without charging; the client cannot know that, so it asks on retry
        payments.faults("{\"failBeforeChargeNext\": 1}");

        Response first = payments.charge(key, body("o-1", 15_000));
        String stateAfterFailure = payments.keyState(key);
        long chargesAfterFailure = payments.gatewayCharges(key);
        Response retry = payments.charge(key, body("o-1", 15_000));

        assertThat(first.status()).isEqualTo(502);
        assertThat(first.code()).isEqualTo("GATEWAY_UNAVAILABLE");
        assertThat(stateAfterFailure).isEqualTo("UNKNOWN");
        assertThat(chargesAfterFailure).isZero();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(payments.gatewayCharges(key)).isEqualTo(1);
        assertThat(payments.payments(key)).isEqualTo(1);
    }

    @Test
    void a_key_left_in_progress_by_a_crash_after_charging_is_settled_by_the_next_retry_without_a_second_charge() {
        String key = newKey();
        // the crashed request claimed the key, charged, and died; its lease has just run out
        leaveKeyInProgress(key, "o-1", 15_000, Instant.now().minusSeconds(1));
        payments.chargeAtGateway(key, "o-1", 15_000);

        Response retry = payments.charge(key, body("o-1", 15_000));

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().path("status").asString()).isEqualTo("APPROVED");
        assertThat(payments.gatewayCharges(key)).isEqualTo(1);
        assertThat(payments.gatewayChargeRequests(key)).as("only the crashed request charged").isEqualTo(1);
        assertThat(payments.payments(key)).isEqualTo(1);
        assertThat(payments.keyState(key)).isEqualTo("COMPLETED");
    }

    @Test
    void a_key_left_in_progress_by_a_crash_before_charging_is_charged_once_by_the_next_retry() {
        String key = newKey();
        leaveKeyInProgress(key, "o-1", 15_000, Instant.now().minusSeconds(1));

        Response retry = payments.charge(key, body("o-1", 15_000));

        assertThat(retry.status()).isEqualTo(201);
        assertThat(payments.gatewayCharges(key)).isEqualTo(1);
        assertThat(payments.payments(key)).isEqualTo(1);
    }

    @Test
    void a_key_whose_lease_still_runs_is_409_in_progress() {
        String key = newKey();
        leaveKeyInProgress(key, "o-1", 15_000, Instant.now().plusSeconds(60));

        Response response = payments.charge(key, body("o-1", 15_000));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("IDEMPOTENCY_REQUEST_IN_PROGRESS");
        assertThat(payments.gatewayChargeRequests(key)).isZero();
        assertThat(payments.payments(key)).isZero();
    }

    @Test
    void the_reconciler_settles_an_unknown_outcome_nobody_retried_from_the_gateway() {
        String key = newKey();
        leaveKeyInProgress(key, "o-1", 15_000, Instant.now().minus(Duration.ofHours(1)));
        jdbc.update("update payment.idempotency_key set state = 'UNKNOWN' where idempotency_key = ?", key);
        payments.chargeAtGateway(key, "o-1", 15_000);

        // the scheduled run may get there first; either way the key ends settled once
        reconciler.reconcile(Instant.now().minus(Duration.ofMinutes(1)), 1000);
        awaitTrue("the key COMPLETED", () -> "COMPLETED".equals(payments.keyState(key)));

        Response retry = payments.charge(key, body("o-1", 15_000));
        assertThat(payments.payments(key)).isEqualTo(1);
        assertThat(payments.paymentStatus(key)).isEqualTo("APPROVED");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(payments.gatewayChargeRequests(key)).isEqualTo(1);
    }

    @Test
    void the_sweep_forgets_completed_keys_older_than_the_retention_and_keeps_younger_ones() {
        String old = newKey();
        String young = newKey();
        payments.charge(old, body("o-1", 15_000));
        payments.charge(young, body("o-2", 15_000));
        jdbc.update("update payment.idempotency_key set completed_at = ? where idempotency_key = ?",
                Timestamp.from(Instant.now().minus(Duration.ofHours(25))), old);

        reconciler.forgetCompletedKeys(Instant.now().minus(Duration.ofHours(24)));

        assertThat(payments.keys(old)).isZero();
        assertThat(payments.keys(young)).isEqualTo(1);
        assertThat(payments.payments(old)).as("payments are kept").isEqualTo(1);
    }

    /** What a request that claimed the key and then died leaves behind. */
    private void leaveKeyInProgress(String key, String orderId, long amount, Instant leaseUntil) {
        String fingerprint = new ChargePaymentCommand(key, orderId, amount, "KRW").fingerprint();
        jdbc.update("""
                insert into payment.idempotency_key (user_id, idempotency_key, fingerprint, state, owner_token, lease_until,
                    created_at)
                values (?, ?, ?, 'IN_PROGRESS', ?, ?, ?)""", Tokens.ADMINISTRATOR_ID, key, fingerprint, UUID.randomUUID().toString(),
                Timestamp.from(leaseUntil), Timestamp.from(Instant.now()));
    }

    /** Polls {@code condition} every 10 ms for up to 5 s; fails naming {@code what} and the time. */
    private static void awaitTrue(String what, BooleanSupplier condition) {
        for (int i = 0; i < 500; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("not within 5 s (500 polls): " + what);
    }
}
