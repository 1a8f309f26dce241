package dev.commerce.order.adapter.out.metrics;

import dev.commerce.order.OrderStatus;
import dev.commerce.shared.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;

/**
 * The order module's counters, registered at startup so that every series exists (at 0) before the
 * first order; the dashboard and alerts then see a rate of 0 rather than no data.
 * <ul>
 * <li>{@code orders.placed{outcome}}: {@code placed}, {@code replayed}, or the refusal's code in lower
 *     case ({@code insufficient_stock}, {@code coupon_not_held}, {@code price_not_set}, ...);</li>
 * <li>{@code orders.payments{outcome}}: {@code paid}, {@code declined}, {@code not_payable},
 *     {@code in_progress}, {@code gateway_unavailable}, {@code gateway_timeout}, {@code replayed}, or
 *     another code in lower case;</li>
 * <li>{@code orders.transitions{to}}: {@code PAID}, {@code CANCELLED}, {@code EXPIRED}, counted when
 *     the transaction that made the transition commits;</li>
 * <li>{@code orders.compensations{kind, trigger, outcome}}: {@code kind} {@code reservation_released} or
 *     {@code coupon_released}; {@code trigger} {@code place_failed} (a later step of a checkout failed),
 *     {@code order_cancelled}, {@code order_expired} or {@code placement_abandoned} (the event listener:
 *     a placement whose process died after redeeming the coupon); {@code outcome}
 *     {@code done} or {@code failed}.</li>
 * </ul>
 */
public final class OrderMetrics {

    public static final String PLACED = "orders.placed";
    public static final String PAYMENTS = "orders.payments";
    public static final String TRANSITIONS = "orders.transitions";
    public static final String COMPENSATIONS = "orders.compensations";

    public static final String RESERVATION_RELEASED = "reservation_released";
    public static final String COUPON_RELEASED = "coupon_released";
    public static final String PLACE_FAILED = "place_failed";
    public static final String ORDER_CANCELLED = "order_cancelled";
    public static final String ORDER_EXPIRED = "order_expired";
    public static final String PLACEMENT_ABANDONED = "placement_abandoned";

    /** The outcomes a checkout can have, pre-registered. */
    static final List<String> PLACE_OUTCOMES = List.of("placed", "replayed", "insufficient_stock",
            "coupon_not_held", "coupon_already_redeemed", "price_not_set", "product_not_found", "lock_timeout",
            "in_progress", "key_reused", "idempotency_key_missing", "idempotency_key_invalid", "invalid_request",
            "error");

    /** The outcomes a payment can have, pre-registered. */
    static final List<String> PAY_OUTCOMES = List.of("paid", "replayed", "declined", "not_payable", "in_progress",
            "gateway_unavailable", "gateway_timeout", "order_not_found", "key_reused", "idempotency_key_missing",
            "idempotency_key_invalid", "invalid_request", "error");

    static final List<OrderStatus> TRANSITION_TARGETS = List.of(OrderStatus.PAID, OrderStatus.CANCELLED,
            OrderStatus.EXPIRED);

    private final MeterRegistry registry;

    public OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
        PLACE_OUTCOMES.forEach(this::placeCounter);
        PAY_OUTCOMES.forEach(this::payCounter);
        TRANSITION_TARGETS.forEach(this::transitionCounter);
        for (String kind : List.of(RESERVATION_RELEASED, COUPON_RELEASED)) {
            for (String trigger : List.of(PLACE_FAILED, ORDER_CANCELLED, ORDER_EXPIRED, PLACEMENT_ABANDONED)) {
                for (String outcome : List.of("done", "failed")) {
                    compensationCounter(kind, trigger, outcome);
                }
            }
        }
    }

    public void placed(String outcome) {
        placeCounter(outcome).increment();
    }

    public void paid(String outcome) {
        payCounter(outcome).increment();
    }

    public void transitioned(OrderStatus to) {
        transitionCounter(to).increment();
    }

    public void compensated(String kind, String trigger, boolean done) {
        compensationCounter(kind, trigger, done ? "done" : "failed").increment();
    }

    /** The outcome tag of a refusal: the code in lower case, a few shortened for the dashboard. */
    public static String outcomeOf(ErrorCode code) {
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

    private Counter transitionCounter(OrderStatus to) {
        return Counter.builder(TRANSITIONS).description("Committed order transitions out of AWAITING_PAYMENT")
                .tag("to", to.name()).register(registry);
    }

    private Counter compensationCounter(String kind, String trigger, String outcome) {
        return Counter.builder(COMPENSATIONS)
                .description("Stock and coupons the order gave back: after a failed checkout step, a cancel, an expiry")
                .tag("kind", kind).tag("trigger", trigger).tag("outcome", outcome).register(registry);
    }
}
