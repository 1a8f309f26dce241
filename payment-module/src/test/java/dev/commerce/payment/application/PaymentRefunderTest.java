package dev.commerce.payment.application;

import static dev.commerce.payment.application.Payments.charge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.payment.PaymentErrorCode;
import dev.commerce.payment.PaymentStatus;
import dev.commerce.payment.PaymentView;
import dev.commerce.payment.RefundPaymentCommand;
import dev.commerce.payment.domain.Payment;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Refunds of approved payments on the in-memory adapters: once per payment, however often asked. */
class PaymentRefunderTest {

    private final Payments payments = new Payments();

    private Payment approved(String key, String orderId, long amount) {
        payments.charge(charge(key, orderId, amount));
        return payments.payments.findByIdempotencyKey(Payments.key(key)).orElseThrow();
    }

    @Test
    void an_approved_payment_is_refunded_at_the_gateway_and_marked_refunded() {
        Payment payment = approved("k-1", "o-1", 15_000);

        PaymentView view = payments.refunder.refund(new RefundPaymentCommand(payment.id()));

        assertThat(view.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payments.reader.getPayment(Payments.BUYER, payment.id()).status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payments.gateway.refunds()).isEqualTo(1);
        assertThat(payments.gateway.findRefundByKey(PaymentRefunder.refundKey(payment.id()))).get()
                .satisfies(refund -> {
                    assertThat(refund.transactionId()).isEqualTo(payment.gatewayTransactionId());
                    assertThat(refund.amount()).isEqualTo(15_000);
                });
    }

    @Test
    void a_second_refund_does_nothing_new() {
        Payment payment = approved("k-1", "o-1", 15_000);
        payments.refunder.refund(new RefundPaymentCommand(payment.id()));

        PaymentView again = payments.refunder.refund(new RefundPaymentCommand(payment.id()));

        assertThat(again.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payments.gateway.refunds()).isEqualTo(1);
        assertThat(payments.gateway.refundRequests()).as("not even asked again").isEqualTo(1);
    }

    @Test
    void a_refund_whose_answer_was_lost_is_sent_again_under_the_same_key_and_refunds_once() {
        Payment payment = approved("k-1", "o-1", 15_000);
        payments.gateway.failRefundsNext(1);

        PaymentChargerTest.assertCode(() -> payments.refunder.refund(new RefundPaymentCommand(payment.id())),
                PaymentErrorCode.GATEWAY_TIMEOUT);
        assertThat(payments.reader.getPayment(Payments.BUYER, payment.id()).status()).isEqualTo(PaymentStatus.APPROVED);

        assertThat(payments.refunder.refund(new RefundPaymentCommand(payment.id())).status())
                .isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payments.gateway.refunds()).isEqualTo(1);
    }

    @Test
    void concurrent_refunds_of_one_payment_refund_once() throws Exception {
        Payment payment = approved("k-1", "o-1", 15_000);
        try (var executor = Executors.newFixedThreadPool(8)) {
            List<Future<PaymentView>> results = executor.invokeAll(IntStream.range(0, 8)
                    .mapToObj(i -> (Callable<PaymentView>) () -> payments.refunder.refund(
                            new RefundPaymentCommand(payment.id())))
                    .toList());
            for (Future<PaymentView> result : results) {
                assertThat(result.get().status()).isEqualTo(PaymentStatus.REFUNDED);
            }
        }
        assertThat(payments.gateway.refunds()).isEqualTo(1);
    }

    @Test
    void a_declined_payment_is_not_refundable() {
        payments.charge(charge("k-1", "o-1", 9_000_000));
        Payment declined = payments.payments.findByIdempotencyKey(Payments.key("k-1")).orElseThrow();

        PaymentChargerTest.assertCode(() -> payments.refunder.refund(new RefundPaymentCommand(declined.id())),
                PaymentErrorCode.PAYMENT_NOT_REFUNDABLE);
        assertThat(payments.gateway.refundRequests()).isZero();
    }

    @Test
    void an_unknown_payment_is_not_found() {
        PaymentChargerTest.assertCode(() -> payments.refunder.refund(new RefundPaymentCommand("nope")),
                PaymentErrorCode.PAYMENT_NOT_FOUND);
    }
}
