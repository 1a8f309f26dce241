package dev.commerce.payment.application;

import dev.commerce.payment.ChargePaymentCommand;
import dev.commerce.payment.ReconcilePaymentsUseCase;
import dev.commerce.payment.application.port.GatewayCharge;
import dev.commerce.payment.application.port.GatewayException;
import dev.commerce.payment.application.port.IdempotencyStore;
import dev.commerce.payment.application.port.PaymentEvents;
import dev.commerce.payment.application.port.PaymentGateway;
import dev.commerce.payment.application.port.PaymentRepository;
import dev.commerce.payment.application.port.PaymentResponseFormat;
import dev.commerce.payment.application.port.PaymentTransactions;
import dev.commerce.payment.domain.IdempotencyKey;
import dev.commerce.payment.domain.IdempotencyRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Settles keys nobody came back for: an unknown outcome, or a request that crashed holding its
 * key. It takes the key over like a retry would, asks the gateway by key, and records the charge
 * the gateway has. It never charges: when the gateway has nothing, the key is freed so that the
 * client's next retry charges afresh.
 */
public final class PaymentReconciler implements ReconcilePaymentsUseCase {

    private final IdempotencyStore keys;
    private final PaymentGateway gateway;
    private final PaymentRecorder recorder;
    private final Clock clock;
    private final PaymentSettings settings;

    public PaymentReconciler(IdempotencyStore keys, PaymentRepository payments, PaymentGateway gateway,
            PaymentTransactions transactions, PaymentResponseFormat format, PaymentEvents events, Clock clock,
            PaymentSettings settings) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.recorder = new PaymentRecorder(keys, payments, transactions, format,
                Objects.requireNonNull(events, "events"), clock);
    }

    @Override
    public int reconcile(Instant settleBefore, int limit) {
        int settled = 0;
        for (IdempotencyRecord record : keys.findUnsettled(settleBefore, limit)) {
            if (settle(record)) {
                settled++;
            }
        }
        return settled;
    }

    private boolean settle(IdempotencyRecord record) {
        IdempotencyKey key = record.key();
        String owner = UUID.randomUUID().toString();
        Instant now = clock.instant();
        if (!keys.takeOver(key, record.fingerprint(), owner, now, now.plus(settings.lease()))) {
            return false; // a retry or another instance got there first
        }
        Optional<GatewayCharge> charge;
        try {
            charge = gateway.findByKey(key.forGateway()); // the key as the charge forwarded it
        } catch (GatewayException e) {
            keys.markUnknown(key, owner, clock.instant());
            return false;
        }
        if (charge.isPresent() && record.isFor(ChargePaymentCommand.fingerprintOf(
                charge.get().orderId(), charge.get().amount(), charge.get().currency()))) {
            return recorder.record(key, owner, charge.get(), true).isPresent();
        }
        // nothing charged for this request: forget the key, the client's retry starts afresh
        return keys.release(key, owner);
    }

    @Override
    public int forgetCompletedKeys(Instant completedBefore) {
        return keys.deleteCompletedBefore(completedBefore);
    }
}
