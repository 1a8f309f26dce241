package dev.commerce.order;

/** Where an order stands: {@code AWAITING_PAYMENT} is the only state that moves on. */
public enum OrderStatus {
    AWAITING_PAYMENT, PAID, CANCELLED, EXPIRED
}
