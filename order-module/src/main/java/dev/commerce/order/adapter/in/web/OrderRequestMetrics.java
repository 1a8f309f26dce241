package dev.commerce.order.adapter.in.web;

import dev.commerce.shared.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;

/**
 * The outcomes of the order requests, registered at startup so that every series exists (at 0)
 * before the first order; the dashboard and alerts then see a rate of 0 rather than no data.
 * <ul>
 * <li>{@code orders.placed{outcome}}: {@code placed}, {@code replayed}, or the refusal's code in lower
 *     case ({@code insufficient_stock}, {@code coupon_not_held}, {@code price_not_set}, ...);</li>
 * <li>{@code orders.payments{outcome}}: {@code paid}, {@code declined}, {@code not_payable},
 *     {@code in_progress}, {@code gateway_unavailable}, {@code gateway_timeout}, {@code replayed}, or
 *     another code in lower case.</li>
 * </ul>
 */
final class OrderRequestMetrics {

    static final String PLACED = "orders.placed";
    static final String PAYMENTS = "orders.payments";

    /** The outcomes a checkout can have, pre-registered. */
    static final List<String> PLACE_OUTCOMES = List.of("placed", "replayed", "insufficient_stock",
            "coupon_not_held", "coupon_already_redeemed", "price_not_set", "product_not_found", "lock_timeout",
            "in_progress", "key_reused", "idempotency_key_missing", "idempotency_key_invalid", "invalid_request",
            "error");

    /** The outcomes a payment can have, pre-registered. */
    static final List<String> PAY_OUTCOMES = List.of("paid", "replayed", "declined", "not_payable", "in_progress",
            "gateway_unavailable", "gateway_timeout", "order_not_found", "key_reused", "idempotency_key_missing",
            "idempotency_key_invalid", "invalid_request", "error");

    private final MeterRegistry registry;

    OrderRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        PLACE_OUTCOMES.forEach(this::placeCounter);
        PAY_OUTCOMES.forEach(this::payCounter);
    }

    void placed(String outcome) {
        placeCounter(outcome).increment();
    }

    void paid(String outcome) {
        payCounter(outcome).increment();
    }

    /** The outcome tag of a refusal: the code in lower case, a few shortened for the dashboard. */
    static String outcomeOf(ErrorCode code) {
        return switch (code.name()) {
            case "PAYMENT_DECLINED" -> "declined";
            case "ORDER_NOT_PAYABLE" -> "not_payable";
            case "IDEMPOTENCY_REQUEST_IN_PROGRESS" -> "in_progress";
            case "IDEMPOTENCY_KEY_REUSED" -> "key_reused";
            default -> code.name().toLowerCase(Locale.ROOT);
        };
    }

    private Counter placeCounter(String outcome) {
        return Counter.builder(PLACED).description("Checkouts (POST /api/v1/orders) by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private Counter payCounter(String outcome) {
        return Counter.builder(PAYMENTS).description("Order payments (POST /api/v1/orders/{id}/payment) by outcome")
                .tag("outcome", outcome).register(registry);
    }
}
