package dev.commerce.order.adapter.in.events;

import dev.commerce.order.LateChargeRefundNeeded;
import dev.commerce.order.OrderCancelled;
import dev.commerce.order.OrderExpired;
import dev.commerce.order.OrderPaid;
import dev.commerce.order.OrderPlacementAbandoned;
import dev.commerce.order.application.OrderFollowUp;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.annotation.Propagation;

/**
 * Handles the order's events after their transaction committed, asynchronously; a publication whose
 * listener fails stays incomplete and is delivered again (on restart). Each step is idempotent. No
 * transaction is opened here: the inventory's use cases run their own, so a refusal inside one
 * never poisons another. Each event has its follow-up: the same {@link OrderFollowUp} built on ports
 * that count the releases as compensations of that event ({@code orders.compensations{trigger}});
 * a late charge's refund goes through the plain one (it releases nothing).
 */
public class OrderEventListener {

    private final OrderFollowUp onPaid;
    private final OrderFollowUp onCancelled;
    private final OrderFollowUp onExpired;
    private final OrderFollowUp onAbandoned;

    public OrderEventListener(OrderFollowUp followUp) {
        this(followUp, followUp, followUp, followUp);
    }

    public OrderEventListener(OrderFollowUp onPaid, OrderFollowUp onCancelled, OrderFollowUp onExpired,
            OrderFollowUp onAbandoned) {
        this.onPaid = onPaid;
        this.onCancelled = onCancelled;
        this.onExpired = onExpired;
        this.onAbandoned = onAbandoned;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderPaid event) {
        onPaid.on(event);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderCancelled event) {
        onCancelled.on(event);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderExpired event) {
        onExpired.on(event);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderPlacementAbandoned event) {
        onAbandoned.on(event);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(LateChargeRefundNeeded event) {
        onPaid.on(event);
    }
}
