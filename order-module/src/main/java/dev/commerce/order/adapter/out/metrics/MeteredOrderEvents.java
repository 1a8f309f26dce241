package dev.commerce.order.adapter.out.metrics;

import dev.commerce.order.OrderCancelled;
import dev.commerce.order.OrderExpired;
import dev.commerce.order.OrderPaid;
import dev.commerce.order.OrderStatus;
import dev.commerce.order.application.port.OrderEvents;
import java.util.Objects;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link OrderEvents} that counts the transition each event stands for,
 * {@code orders.transitions{to}}. The services publish inside the transaction that makes the
 * transition, exactly when its conditional update succeeded, so the count is taken after that
 * transaction commits: a rolled-back transition is not counted, and an order is counted once
 * however often its event is delivered.
 */
public final class MeteredOrderEvents implements OrderEvents {

    private final OrderEvents delegate;
    private final OrderMetrics metrics;

    public MeteredOrderEvents(OrderEvents delegate, OrderMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void publish(Object event) {
        delegate.publish(event);
        OrderStatus to = switch (event) {
            case OrderPaid paid -> OrderStatus.PAID;
            case OrderCancelled cancelled -> OrderStatus.CANCELLED;
            case OrderExpired expired -> OrderStatus.EXPIRED;
            default -> null;
        };
        if (to == null) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    metrics.transitioned(to);
                }
            });
        } else {
            metrics.transitioned(to);
        }
    }
}
