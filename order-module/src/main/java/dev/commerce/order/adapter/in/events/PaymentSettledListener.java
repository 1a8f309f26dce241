package dev.commerce.order.adapter.in.events;

import dev.commerce.order.ApplySettledChargeUseCase;
import dev.commerce.payment.PaymentSettled;
import dev.commerce.payment.PaymentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.annotation.Propagation;

/**
 * Hands an approved charge the payment module settled after an unknown outcome to the order it was
 * charged for ({@link ApplySettledChargeUseCase}), after the payment's transaction committed, asynchronously.
 * A failure leaves the publication incomplete (delivered again on restart); handling is idempotent.
 * No transaction is opened here: each order change runs in its own.
 */
class PaymentSettledListener {

    private static final Logger log = LoggerFactory.getLogger(PaymentSettledListener.class);

    private final ApplySettledChargeUseCase settledCharges;

    PaymentSettledListener(ApplySettledChargeUseCase settledCharges) {
        this.settledCharges = settledCharges;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentSettled event) {
        if (event.status() != PaymentStatus.APPROVED) {
            return;
        }
        ApplySettledChargeUseCase.Outcome result = settledCharges.settled(event.ownerId(), event.idempotencyKey(), event.orderId(),
                event.paymentId(), event.amount(), event.currency());
        log.info("Settled payment {} for order {}: {}", event.paymentId(), event.orderId(), result);
    }
}
