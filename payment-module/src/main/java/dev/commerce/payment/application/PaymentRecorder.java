package dev.commerce.payment.application;

import dev.commerce.payment.PaymentSettled;
import dev.commerce.payment.PaymentStatus;
import dev.commerce.payment.PaymentView;
import dev.commerce.payment.RecordedResponse;
import dev.commerce.payment.application.port.GatewayCharge;
import dev.commerce.payment.application.port.IdempotencyStore;
import dev.commerce.payment.application.port.PaymentEvents;
import dev.commerce.payment.application.port.PaymentRepository;
import dev.commerce.payment.application.port.PaymentResponseFormat;
import dev.commerce.payment.application.port.PaymentTransactions;
import dev.commerce.payment.domain.IdempotencyKey;
import dev.commerce.payment.domain.Payment;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Records what the gateway did with a key: the payment row and the completed key with its
 * response, in one short transaction. Shared by the charge path and the reconciler. An approved
 * charge whose outcome had been unknown is announced in that transaction ({@link PaymentSettled}):
 * its client may never have learnt of it.
 */
final class PaymentRecorder {

    static final int APPROVED_STATUS = 201;
    static final int DECLINED_STATUS = 402;

    private final IdempotencyStore keys;
    private final PaymentRepository payments;
    private final PaymentTransactions transactions;
    private final PaymentResponseFormat format;
    private final PaymentEvents events;
    private final Clock clock;

    PaymentRecorder(IdempotencyStore keys, PaymentRepository payments, PaymentTransactions transactions,
            PaymentResponseFormat format, PaymentEvents events, Clock clock) {
        this.keys = keys;
        this.events = events;
        this.payments = payments;
        this.transactions = transactions;
        this.format = format;
        this.clock = clock;
    }

    /**
     * @param settlesUnknown whether the key's outcome had been unknown (a lost answer, a crashed
     *                       request) and {@code charge} was found by asking the gateway: then an
     *                       approved payment is announced
     * @return the recorded response, or empty if {@code owner} no longer holds the key (then
     *         nothing was written)
     */
    Optional<RecordedResponse> record(IdempotencyKey key, String owner, GatewayCharge charge, boolean settlesUnknown) {
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            // A payment may exist from an earlier use of this key whose record was swept after its
            // retention: the gateway returned the same charge, so the same payment stands.
            Optional<Payment> existing = payments.findByIdempotencyKey(key);
            Payment payment = existing.orElseGet(() -> new Payment(UUID.randomUUID().toString(), charge.orderId(),
                    charge.amount(), charge.currency(), charge.approved() ? PaymentStatus.APPROVED : PaymentStatus.DECLINED,
                    charge.transactionId(), key, now));
            RecordedResponse response = responseFor(payment);
            if (!keys.complete(key, owner, response, payment.id(), now)) {
                return Optional.empty();
            }
            if (existing.isEmpty()) {
                payments.save(payment);
            }
            if (settlesUnknown && payment.isApproved()) {
                events.publish(new PaymentSettled(payment.id(), payment.orderId(), payment.ownerId(), key.value(),
                        payment.status(), payment.amount(), payment.currency()));
            }
            return Optional.of(response);
        });
    }

    private RecordedResponse responseFor(Payment payment) {
        PaymentView view = PaymentViews.of(payment);
        return payment.isApproved()
                ? new RecordedResponse(APPROVED_STATUS, format.approved(view), false)
                : new RecordedResponse(DECLINED_STATUS, format.declined(view), false);
    }
}
