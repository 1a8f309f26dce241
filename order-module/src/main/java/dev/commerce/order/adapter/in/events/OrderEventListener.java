package dev.commerce.order.adapter.in.events;

import dev.commerce.order.FollowUpOrderChangesUseCase;
import dev.commerce.order.LateChargeRefundNeeded;
import dev.commerce.order.OrderCancelled;
import dev.commerce.order.OrderExpired;
import dev.commerce.order.OrderPaid;
import dev.commerce.order.OrderPlacementAbandoned;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.annotation.Propagation;

/**
 * Handles the order's events after their transaction committed, asynchronously; a publication whose
 * listener fails stays incomplete and is delivered again (on restart). Each step is idempotent. No
 * transaction is opened here: the inventory's use cases run their own, so a refusal inside one
 * never poisons another.
 */
class OrderEventListener {

    private final FollowUpOrderChangesUseCase followUp;

    OrderEventListener(FollowUpOrderChangesUseCase followUp) {
        this.followUp = followUp;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderPaid event) {
        followUp.on(event);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderCancelled event) {
        followUp.on(event);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderExpired event) {
        followUp.on(event);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderPlacementAbandoned event) {
        followUp.on(event);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(LateChargeRefundNeeded event) {
        followUp.on(event);
    }
}
