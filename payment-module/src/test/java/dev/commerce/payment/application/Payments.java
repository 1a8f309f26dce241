package dev.commerce.payment.application;

import dev.commerce.testing.MutableClock;
import dev.commerce.payment.ChargePaymentCommand;
import dev.commerce.payment.PaymentView;
import dev.commerce.payment.RecordedResponse;
import dev.commerce.payment.adapter.out.memory.FakePaymentGateway;
import dev.commerce.payment.adapter.out.memory.InMemoryIdempotencyStore;
import dev.commerce.payment.adapter.out.memory.InMemoryPaymentRepository;
import dev.commerce.payment.adapter.out.memory.InMemoryPaymentTransactions;
import dev.commerce.payment.adapter.out.memory.RecordingPaymentEvents;
import dev.commerce.payment.application.port.PaymentResponseFormat;
import dev.commerce.payment.domain.IdempotencyKey;
import dev.commerce.shared.Caller;
import java.time.Duration;
import java.time.Instant;

/** The payment use cases wired to in-memory adapters, as app-bootstrap wires the real ones. */
final class Payments {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(30);
    /** Who charges and reads payments in the tests, unless a test is about someone else. */
    static final Caller BUYER = Caller.buyer(1);
    static final Caller OTHER_BUYER = Caller.buyer(2);
    static final Caller ADMIN = Caller.administrator(99);

    /** Bodies easy to assert on; the web adapter writes JSON instead. */
    static final PaymentResponseFormat FORMAT = new PaymentResponseFormat() {
        @Override
        public String approved(PaymentView payment) {
            return "approved " + payment;
        }

        @Override
        public String declined(PaymentView payment) {
            return "declined " + payment;
        }
    };

    final MutableClock clock = new MutableClock(START);
    final InMemoryPaymentTransactions transactions = new InMemoryPaymentTransactions();
    final InMemoryIdempotencyStore keys = new InMemoryIdempotencyStore(transactions);
    final InMemoryPaymentRepository payments = new InMemoryPaymentRepository(transactions);
    final FakePaymentGateway gateway = new FakePaymentGateway();
    final PaymentSettings settings = new PaymentSettings(LEASE);
    final RecordingPaymentEvents events = new RecordingPaymentEvents();
    final PaymentCharger charger = new PaymentCharger(keys, payments, gateway, transactions, FORMAT, events, clock, settings);
    final PaymentReconciler reconciler = new PaymentReconciler(keys, payments, gateway, transactions, FORMAT, events, clock, settings);
    final PaymentReader reader = new PaymentReader(payments);
    final PaymentRefunder refunder = new PaymentRefunder(payments, gateway, clock);

    static ChargePaymentCommand charge(String key, String orderId, long amount) {
        return new ChargePaymentCommand(key, orderId, amount, "KRW");
    }

    /** {@link #BUYER}'s key with this value, as the stores and the charger know it. */
    static IdempotencyKey key(String value) {
        return new IdempotencyKey(BUYER.userId(), value);
    }

    /** Charges as {@link #BUYER}. */
    RecordedResponse charge(ChargePaymentCommand command) {
        return charger.charge(BUYER, command);
    }

    RecordedResponse charge(Caller caller, ChargePaymentCommand command) {
        return charger.charge(caller, command);
    }
}
