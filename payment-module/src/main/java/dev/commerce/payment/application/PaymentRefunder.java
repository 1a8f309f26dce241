package dev.commerce.payment.application;

import dev.commerce.payment.PaymentErrorCode;
import dev.commerce.payment.PaymentException;
import dev.commerce.payment.PaymentStatus;
import dev.commerce.payment.PaymentView;
import dev.commerce.payment.RefundPaymentCommand;
import dev.commerce.payment.RefundPaymentUseCase;
import dev.commerce.payment.application.port.GatewayException;
import dev.commerce.payment.application.port.GatewayRefundRequest;
import dev.commerce.payment.application.port.GatewayRefusedException;
import dev.commerce.payment.application.port.PaymentGateway;
import dev.commerce.payment.application.port.PaymentRepository;
import dev.commerce.payment.domain.Payment;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Refunds an approved payment in full under the key {@code refund:<payment id>}: the gateway
 * deduplicates by it, so two concurrent refunds, or a refund retried after a lost answer, refund
 * once. Only after the gateway refunded is the payment marked {@code REFUNDED} (one conditional
 * update); a failure in between leaves it {@code APPROVED}, and the next call sends the same key
 * again. No transaction is open during the gateway call.
 */
public final class PaymentRefunder implements RefundPaymentUseCase {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final PaymentRepository payments;
    private final PaymentGateway gateway;
    private final Clock clock;

    public PaymentRefunder(PaymentRepository payments, PaymentGateway gateway, Clock clock) {
        this.payments = Objects.requireNonNull(payments, "payments");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The refund's key at the gateway: one per payment (payment ids are globally unique). */
    public static String refundKey(String paymentId) {
        return "refund:" + paymentId;
    }

    @Override
    public PaymentView refund(RefundPaymentCommand command) {
        Payment payment = find(command.paymentId());
        if (payment.status() == PaymentStatus.REFUNDED) {
            return PaymentViews.of(payment);
        }
        if (payment.status() != PaymentStatus.APPROVED) {
            throw new PaymentException(PaymentErrorCode.PAYMENT_NOT_REFUNDABLE,
                    "Payment " + payment.id() + " is " + payment.status() + "; only an approved payment is refunded.");
        }
        try {
            gateway.refund(new GatewayRefundRequest(refundKey(payment.id()), payment.gatewayTransactionId(),
                    payment.amount(), payment.currency()));
        } catch (GatewayRefusedException e) {
            throw new PaymentException(PaymentErrorCode.PAYMENT_NOT_REFUNDABLE,
                    "The payment gateway refused to refund payment " + payment.id() + ": " + e.getMessage(), null, e);
        } catch (GatewayException e) {
            throw new PaymentException(e.outcome() == GatewayException.Outcome.UNKNOWN_TIMED_OUT
                    ? PaymentErrorCode.GATEWAY_TIMEOUT : PaymentErrorCode.GATEWAY_UNAVAILABLE,
                    "The payment gateway failed to refund payment " + payment.id() + "; asking again is safe.",
                    RETRY_AFTER, e);
        }
        // false when a concurrent refund of the same payment marked it first: the same refund
        payments.markRefunded(payment.id(), clock.instant());
        return PaymentViews.of(find(payment.id()));
    }

    private Payment find(String paymentId) {
        return payments.findById(paymentId).orElseThrow(() -> new PaymentException(PaymentErrorCode.PAYMENT_NOT_FOUND,
                "No payment " + paymentId + "."));
    }
}
