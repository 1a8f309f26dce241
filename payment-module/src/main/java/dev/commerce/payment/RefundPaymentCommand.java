package dev.commerce.payment;

import java.util.Objects;

/** Refund the whole of an approved payment. */
public record RefundPaymentCommand(String paymentId) {

    public RefundPaymentCommand {
        Objects.requireNonNull(paymentId, "paymentId");
    }
}
