package dev.commerce.order.adapter.out.metrics;

import dev.commerce.order.OrderStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * The order module's counters of what its out-ports did, registered at startup so that every series
 * exists (at 0) before the first order; the dashboard and alerts then see a rate of 0 rather than no
 * data. The requests' outcomes ({@code orders.placed}, {@code orders.payments}) are counted by the web
 * adapter ({@code OrderRequestMetrics}).
 * <ul>
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

    public static final String TRANSITIONS = "orders.transitions";
    public static final String COMPENSATIONS = "orders.compensations";

    public static final String RESERVATION_RELEASED = "reservation_released";
    public static final String COUPON_RELEASED = "coupon_released";
    public static final String PLACE_FAILED = "place_failed";
    public static final String ORDER_CANCELLED = "order_cancelled";
    public static final String ORDER_EXPIRED = "order_expired";
    public static final String PLACEMENT_ABANDONED = "placement_abandoned";

    static final List<OrderStatus> TRANSITION_TARGETS = List.of(OrderStatus.PAID, OrderStatus.CANCELLED,
            OrderStatus.EXPIRED);

    private final MeterRegistry registry;

    public OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
        TRANSITION_TARGETS.forEach(this::transitionCounter);
        for (String kind : List.of(RESERVATION_RELEASED, COUPON_RELEASED)) {
            for (String trigger : List.of(PLACE_FAILED, ORDER_CANCELLED, ORDER_EXPIRED, PLACEMENT_ABANDONED)) {
                for (String outcome : List.of("done", "failed")) {
                    compensationCounter(kind, trigger, outcome);
                }
            }
        }
    }

    public void transitioned(OrderStatus to) {
        transitionCounter(to).increment();
    }

    public void compensated(String kind, String trigger, boolean done) {
        compensationCounter(kind, trigger, done ? "done" : "failed").increment();
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
