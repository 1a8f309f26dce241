package dev.commerce.payment.application;

import static dev.commerce.payment.application.PaymentChargerTest.assertCode;
import static dev.commerce.payment.application.Payments.ADMIN;
import static dev.commerce.payment.application.Payments.BUYER;
import static dev.commerce.payment.application.Payments.OTHER_BUYER;
import static dev.commerce.payment.application.Payments.charge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.commerce.payment.PaymentErrorCode;
import dev.commerce.payment.PaymentException;
import dev.commerce.payment.PaymentStatus;
import dev.commerce.payment.RecordedResponse;
import dev.commerce.payment.domain.IdempotencyKey;
import dev.commerce.payment.domain.IdempotencyRecord;
import dev.commerce.payment.domain.IdempotencyState;
import dev.commerce.payment.domain.Payment;
import dev.commerce.shared.Caller;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keys and payments belong to the caller: the same key from two users is two requests, and a payment is its owner's. */
class PaymentOwnershipTest {

    private final Payments payments = new Payments();
    private final ExecutorService background = Executors.newCachedThreadPool();

    @AfterEach
    void stopBackground() {
        background.shutdownNow();
    }

    @Test
    void the_same_key_from_two_users_makes_two_charges_under_two_gateway_keys_and_each_replays_its_own() {
        RecordedResponse mine = payments.charge(BUYER, charge("k-1", "o-1", 15_000));
        RecordedResponse theirs = payments.charge(OTHER_BUYER, charge("k-1", "o-1", 15_000));

        assertThat(mine.replayed()).isFalse();
        assertThat(theirs.replayed()).as("not the first user's answer").isFalse();
        assertThat(theirs.body()).isNotEqualTo(mine.body());
        assertThat(payments.gateway.charges()).isEqualTo(2);
        assertThat(payments.gateway.chargedKeys()).containsExactlyInAnyOrder(
                new IdempotencyKey(BUYER.userId(), "k-1").forGateway(),
                new IdempotencyKey(OTHER_BUYER.userId(), "k-1").forGateway());
        assertThat(payments.payments.findAll()).extracting(Payment::ownerId)
                .containsExactlyInAnyOrder(BUYER.userId(), OTHER_BUYER.userId());

        RecordedResponse myReplay = payments.charge(BUYER, charge("k-1", "o-1", 15_000));
        RecordedResponse theirReplay = payments.charge(OTHER_BUYER, charge("k-1", "o-1", 15_000));

        assertThat(myReplay).isEqualTo(mine.asReplay());
        assertThat(theirReplay).isEqualTo(theirs.asReplay());
        assertThat(payments.gateway.chargeRequests()).isEqualTo(2);
    }

    @Test
    void a_key_reused_with_another_request_is_rejected_for_its_own_user_and_free_for_another() {
        payments.charge(BUYER, charge("k-1", "o-1", 15_000));

        assertCode(() -> payments.charge(BUYER, charge("k-1", "o-2", 99)), PaymentErrorCode.IDEMPOTENCY_KEY_REUSED);
        RecordedResponse theirs = payments.charge(OTHER_BUYER, charge("k-1", "o-2", 99));

        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.replayed()).isFalse();
        assertThat(payments.gateway.charges()).isEqualTo(2);
    }

    @Test
    void a_key_still_running_for_one_user_does_not_hold_up_the_same_key_of_another() throws Exception {
        payments.gateway.holdCharges();
        CompletableFuture<RecordedResponse> mine = CompletableFuture.supplyAsync(
                () -> payments.charge(BUYER, charge("k-1", "o-1", 15_000)), background);
        assertThat(payments.gateway.awaitFirstCharge()).isTrue();

        CompletableFuture<RecordedResponse> theirs = CompletableFuture.supplyAsync(
                () -> payments.charge(OTHER_BUYER, charge("k-1", "o-1", 15_000)), background);
        assertThat(payments.gateway.awaitChargeRequests(2)).as("the other user's request reached the gateway").isTrue();
        assertCode(() -> payments.charge(BUYER, charge("k-1", "o-1", 15_000)),
                PaymentErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS);
        payments.gateway.release();

        assertThat(mine.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
        assertThat(theirs.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
        assertThat(payments.gateway.charges()).isEqualTo(2);
    }

    @Test
    void the_reconciler_settles_each_users_unknown_outcome_from_that_users_charge_at_the_gateway() {
        payments.gateway.timeOutAfterChargeNext(2);
        assertCode(() -> payments.charge(BUYER, charge("k-1", "o-1", 15_000)), PaymentErrorCode.GATEWAY_TIMEOUT);
        assertCode(() -> payments.charge(OTHER_BUYER, charge("k-1", "o-2", 7_000)), PaymentErrorCode.GATEWAY_TIMEOUT);
        payments.clock.advance(Duration.ofMinutes(1));

        assertThat(payments.reconciler.reconcile(payments.clock.instant(), 100)).isEqualTo(2);

        for (Caller caller : List.of(BUYER, OTHER_BUYER)) {
            IdempotencyRecord settled = payments.keys.find(new IdempotencyKey(caller.userId(), "k-1")).orElseThrow();
            assertThat(settled.state()).isEqualTo(IdempotencyState.COMPLETED);
            Payment payment = payments.payments.findById(settled.paymentId()).orElseThrow();
            assertThat(payment.ownerId()).isEqualTo(caller.userId());
            assertThat(payment.orderId()).isEqualTo(caller == BUYER ? "o-1" : "o-2");
        }
        assertThat(payments.gateway.chargeRequests()).isEqualTo(2);
    }

    @Test
    void another_buyer_reading_a_payment_gets_exactly_the_answer_for_an_id_that_does_not_exist() {
        payments.charge(BUYER, charge("k-1", "o-1", 15_000));
        String id = payments.payments.findAll().getFirst().id();

        PaymentException forMissing = catchThrowableOfType(PaymentException.class,
                () -> payments.reader.getPayment(OTHER_BUYER, "no-such-payment"));
        PaymentException forOthers = catchThrowableOfType(PaymentException.class,
                () -> payments.reader.getPayment(OTHER_BUYER, id));

        assertThat(forOthers.code()).isEqualTo(forMissing.code()).isEqualTo(PaymentErrorCode.PAYMENT_NOT_FOUND);
        assertThat(forOthers.getMessage()).isEqualTo(forMissing.getMessage().replace("no-such-payment", id));
        assertThat(payments.reader.getPayment(BUYER, id).status()).isEqualTo(PaymentStatus.APPROVED);
        assertThat(payments.reader.getPayment(ADMIN, id).status()).isEqualTo(PaymentStatus.APPROVED);
    }

    @Test
    void a_payment_made_before_keys_belonged_to_users_is_seen_only_by_administrators() {
        Payment older = new Payment("p-old", "o-old", 100, "KRW", PaymentStatus.APPROVED, "txn-old",
                new IdempotencyKey(0, "k-old"), Payments.START);
        payments.payments.save(older);

        assertCode(() -> payments.reader.getPayment(BUYER, "p-old"), PaymentErrorCode.PAYMENT_NOT_FOUND);
        assertThat(payments.reader.getPayment(ADMIN, "p-old").orderId()).isEqualTo("o-old");
    }
}
