package dev.commerce.order.adapter.out.metrics;

import dev.commerce.order.application.port.StockReservations;
import java.util.List;
import java.util.Objects;

/**
 * {@link StockReservations} that counts every release as a compensation,
 * {@code orders.compensations{kind="reservation_released", trigger, outcome}}. The trigger is fixed per
 * instance: the placer's ports only release to undo a checkout, the follow-up of a cancel or an expiry
 * only to give the stock back. A release is idempotent (a reservation no longer pending is done), so
 * a redelivered event counts again.
 */
public final class MeteredStockReservations implements StockReservations {

    private final StockReservations delegate;
    private final OrderMetrics metrics;
    private final String trigger;

    public MeteredStockReservations(StockReservations delegate, OrderMetrics metrics, String trigger) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
    }

    @Override
    public Reserved reserve(long userId, String orderId, List<Line> lines) {
        return delegate.reserve(userId, orderId, lines);
    }

    @Override
    public void confirm(long userId, String reservationId) {
        delegate.confirm(userId, reservationId);
    }

    @Override
    public void release(long userId, String reservationId) {
        try {
            delegate.release(userId, reservationId);
        } catch (RuntimeException e) {
            metrics.compensated(OrderMetrics.RESERVATION_RELEASED, trigger, false);
            throw e;
        }
        metrics.compensated(OrderMetrics.RESERVATION_RELEASED, trigger, true);
    }
}
