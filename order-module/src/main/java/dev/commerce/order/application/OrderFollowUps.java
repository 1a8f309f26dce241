package dev.commerce.order.application;

import dev.commerce.order.FollowUpOrderChangesUseCase;
import dev.commerce.order.LateChargeRefundNeeded;
import dev.commerce.order.OrderCancelled;
import dev.commerce.order.OrderExpired;
import dev.commerce.order.OrderPaid;
import dev.commerce.order.OrderPlacementAbandoned;
import java.util.Objects;

/**
 * Each event with its own {@link OrderFollowUp}: the same steps built on ports that count the
 * releases as compensations of that event ({@code orders.compensations{trigger}}); a late charge's
 * refund goes through the one of a payment (it releases nothing).
 */
public final class OrderFollowUps implements FollowUpOrderChangesUseCase {

    private final OrderFollowUp onPaid;
    private final OrderFollowUp onCancelled;
    private final OrderFollowUp onExpired;
    private final OrderFollowUp onAbandoned;

    public OrderFollowUps(OrderFollowUp onPaid, OrderFollowUp onCancelled, OrderFollowUp onExpired,
            OrderFollowUp onAbandoned) {
        this.onPaid = Objects.requireNonNull(onPaid, "onPaid");
        this.onCancelled = Objects.requireNonNull(onCancelled, "onCancelled");
        this.onExpired = Objects.requireNonNull(onExpired, "onExpired");
        this.onAbandoned = Objects.requireNonNull(onAbandoned, "onAbandoned");
    }

    @Override
    public void on(OrderPaid paid) {
        onPaid.on(paid);
    }

    @Override
    public void on(OrderCancelled cancelled) {
        onCancelled.on(cancelled);
    }

    @Override
    public void on(OrderExpired expired) {
        onExpired.on(expired);
    }

    @Override
    public void on(OrderPlacementAbandoned abandoned) {
        onAbandoned.on(abandoned);
    }

    @Override
    public void on(LateChargeRefundNeeded needed) {
        onPaid.on(needed);
    }
}
