package dev.commerce.payment.application;

import dev.commerce.payment.ChargePaymentCommand;
import dev.commerce.payment.ChargePaymentUseCase;
import dev.commerce.payment.PaymentErrorCode;
import dev.commerce.payment.PaymentException;
import dev.commerce.payment.RecordedResponse;
import dev.commerce.payment.application.port.GatewayCharge;
import dev.commerce.payment.application.port.GatewayChargeRequest;
import dev.commerce.payment.application.port.GatewayException;
import dev.commerce.payment.application.port.IdempotencyStore;
import dev.commerce.payment.application.port.PaymentEvents;
import dev.commerce.payment.application.port.PaymentGateway;
import dev.commerce.payment.application.port.PaymentRepository;
import dev.commerce.payment.application.port.PaymentResponseFormat;
import dev.commerce.payment.application.port.PaymentTransactions;
import dev.commerce.payment.domain.IdempotencyKey;
import dev.commerce.payment.domain.IdempotencyRecord;
import dev.commerce.shared.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Charges once per idempotency key. The key is claimed by one atomic insert; the request that
 * claims it (or takes it over after a crash or a lost answer) is the only one that talks to the
 * gateway, forwarding the key; its result is recorded with the key in one short transaction.
 * No transaction or lock is open while the gateway is called. Keys are the caller's: everything
 * here, the gateway's deduplication included, is per user and key.
 */
public final class PaymentCharger implements ChargePaymentUseCase {

    /** Claim, read, take over: a key deleted or taken between two steps sends us round again. */
    private static final int MAX_ROUNDS = 3;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final IdempotencyStore keys;
    private final PaymentGateway gateway;
    private final PaymentRecorder recorder;
    private final Clock clock;
    private final PaymentSettings settings;

    public PaymentCharger(IdempotencyStore keys, PaymentRepository payments, PaymentGateway gateway,
            PaymentTransactions transactions, PaymentResponseFormat format, PaymentEvents events, Clock clock,
            PaymentSettings settings) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.recorder = new PaymentRecorder(keys, Objects.requireNonNull(payments, "payments"),
                Objects.requireNonNull(transactions, "transactions"), Objects.requireNonNull(format, "format"),
                Objects.requireNonNull(events, "events"), clock);
    }

    @Override
    public RecordedResponse charge(Caller caller, ChargePaymentCommand command) {
        IdempotencyKey key = new IdempotencyKey(caller.userId(), command.idempotencyKey());
        String fingerprint = command.fingerprint();
        String owner = UUID.randomUUID().toString();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant now = clock.instant();
            if (keys.claim(IdempotencyRecord.claimed(key, fingerprint, owner, now, now.plus(settings.lease())))) {
                return chargeAsOwner(key, command, owner, false);
            }
            Optional<IdempotencyRecord> found = keys.find(key);
            if (found.isEmpty()) {
                continue; // released or swept since our claim failed: claim again
            }
            IdempotencyRecord record = found.get();
            if (!record.isFor(fingerprint)) {
                throw keyReused();
            }
            if (record.isCompleted()) {
                return record.replay();
            }
            if (!record.canBeTakenOver(now)) {
                throw inProgress();
            }
            if (keys.takeOver(key, fingerprint, owner, now, now.plus(settings.lease()))) {
                // a crashed request or a lost answer may have charged already: ask before charging
                return chargeAsOwner(key, command, owner, true);
            }
        }
        throw inProgress();
    }

    private RecordedResponse chargeAsOwner(IdempotencyKey key, ChargePaymentCommand command, String owner,
            boolean askFirst) {
        GatewayCharge charge;
        boolean settlesUnknown;
        try {
            Optional<GatewayCharge> earlier = askFirst ? lookUp(key, owner) : Optional.empty();
            settlesUnknown = earlier.isPresent(); // an earlier request's charge, which its client may never have learnt of
            charge = settlesUnknown ? earlier.get() : send(key, command, owner);
        } catch (RuntimeException e) {
            if (!(e instanceof PaymentException)) {
                // anything unforeseen after the key was claimed may follow a charge: settle by asking
                keys.markUnknown(key, owner, clock.instant());
            }
            throw e;
        }
        if (!command.fingerprint().equals(ChargePaymentCommand.fingerprintOf(charge.orderId(), charge.amount(),
                charge.currency()))) {
            // The gateway holds this key for another request: the key was used before and our
            // record of it has since been forgotten. Nothing new was charged.
            keys.release(key, owner);
            throw keyReused();
        }
        return recorder.record(key, owner, charge, settlesUnknown).orElseGet(() -> outcomeOfTheNewOwner(key, command.fingerprint()));
    }

    private Optional<GatewayCharge> lookUp(IdempotencyKey key, String owner) {
        try {
            return gateway.findByKey(key.forGateway());
        } catch (GatewayException e) {
            // whatever the failure, an earlier attempt's outcome is still unknown
            keys.markUnknown(key, owner, clock.instant());
            throw gatewayFailure(e);
        }
    }

    private GatewayCharge send(IdempotencyKey key, ChargePaymentCommand command, String owner) {
        try {
            return gateway.charge(new GatewayChargeRequest(key.forGateway(), command.orderId(), command.amount(),
                    command.currency()));
        } catch (GatewayException e) {
            if (e.outcome() == GatewayException.Outcome.NOT_CHARGED) {
                keys.release(key, owner);
            } else {
                keys.markUnknown(key, owner, clock.instant());
            }
            throw gatewayFailure(e);
        }
    }

    /** We lost the key to a request that took it over while we worked (our lease ran out). */
    private RecordedResponse outcomeOfTheNewOwner(IdempotencyKey key, String fingerprint) {
        return keys.find(key)
                .filter(record -> record.isFor(fingerprint) && record.isCompleted())
                .map(IdempotencyRecord::replay)
                .orElseThrow(PaymentCharger::inProgress);
    }

    private static PaymentException gatewayFailure(GatewayException e) {
        return switch (e.outcome()) {
            case UNKNOWN_TIMED_OUT -> new PaymentException(PaymentErrorCode.GATEWAY_TIMEOUT,
                    "The payment gateway did not answer in time; retry with the same Idempotency-Key to settle the payment.",
                    RETRY_AFTER, e);
            case UNKNOWN_FAILED, NOT_CHARGED -> new PaymentException(PaymentErrorCode.GATEWAY_UNAVAILABLE,
                    "The payment gateway failed; retry with the same Idempotency-Key.", RETRY_AFTER, e);
        };
    }

    private static PaymentException keyReused() {
        return new PaymentException(PaymentErrorCode.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was used with a different request.");
    }

    private static PaymentException inProgress() {
        return new PaymentException(PaymentErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS,
                "A request with this Idempotency-Key is still in progress; retry later.", RETRY_AFTER, null);
    }
}
