package dev.commerce.order;

import java.util.Objects;

/**
 * A charge that landed on the order after it could no longer be paid (it had expired or been
 * cancelled meanwhile), and its refund through the payment gateway: {@code PENDING} until the
 * payment module refunded it, then {@code REFUNDED}. Shown as {@code "refund"} in the order's JSON.
 */
public record OrderRefund(String paymentId, Status status) {

    public enum Status {
        PENDING,
        REFUNDED
    }

    public OrderRefund {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(status, "status");
    }
}
