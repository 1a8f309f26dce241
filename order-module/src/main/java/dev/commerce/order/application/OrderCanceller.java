package dev.commerce.order.application;

import dev.commerce.order.CancelOrderUseCase;
import dev.commerce.order.OrderCancelled;
import dev.commerce.order.OrderErrorCode;
import dev.commerce.order.OrderException;
import dev.commerce.order.OrderView;
import dev.commerce.order.application.port.OrderEvents;
import dev.commerce.order.application.port.OrderRepository;
import dev.commerce.order.application.port.OrderTransactions;
import dev.commerce.order.domain.Order;
import dev.commerce.shared.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Cancels orders awaiting payment. The order row changes and {@link OrderCancelled} is recorded in
 * one transaction; the stock and the coupon are given back by the event's listener after the commit.
 * An order whose payment is in flight is not cancellable: its charge may be approved.
 */
public final class OrderCanceller implements CancelOrderUseCase {

    private final OrderRepository orders;
    private final OrderEvents events;
    private final OrderTransactions transactions;
    private final Clock clock;

    public OrderCanceller(OrderRepository orders, OrderEvents events, OrderTransactions transactions, Clock clock) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public OrderView cancel(Caller caller, String orderId) {
        Order order = orders.find(orderId).filter(found -> caller.maySee(found.userId()))
                .orElseThrow(() -> OrderException.notFound(orderId));
        order.requireCancellable();
        Instant now = clock.instant();
        boolean cancelled = transactions.inTransaction(() -> {
            if (!orders.markCancelled(orderId, now)) {
                return false;
            }
            events.publish(new OrderCancelled(orderId, order.userId(), order.reservationId(), order.couponId()));
            return true;
        });
        if (!cancelled) {
            Order current = orders.find(orderId).orElseThrow();
            current.requireCancellable();
            throw new OrderException(OrderErrorCode.ORDER_NOT_CANCELLABLE,
                    "A payment of the order is running; it cannot be cancelled now.");
        }
        return order.cancelled().view();
    }

}
