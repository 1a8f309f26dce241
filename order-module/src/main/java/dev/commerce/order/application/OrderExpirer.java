package dev.commerce.order.application;

import dev.commerce.order.ExpireOrdersUseCase;
import dev.commerce.order.OrderExpired;
import dev.commerce.order.application.port.OrderEvents;
import dev.commerce.order.application.port.OrderRepository;
import dev.commerce.order.application.port.OrderTransactions;
import dev.commerce.order.domain.Order;
import java.time.Instant;
import java.util.Objects;

/**
 * Expires orders still awaiting payment past their expiry, each in its own transaction with its
 * {@link OrderExpired} event. An order whose payment claim is still within its lease is skipped
 * (the payment decides it); the next sweep looks again.
 */
public final class OrderExpirer implements ExpireOrdersUseCase {

    private final OrderRepository orders;
    private final OrderEvents events;
    private final OrderTransactions transactions;

    public OrderExpirer(OrderRepository orders, OrderEvents events, OrderTransactions transactions) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public int expireOverdue(Instant now, int limit) {
        int expired = 0;
        for (String id : orders.findOverdue(now, limit)) {
            boolean done = transactions.inTransaction(() -> {
                if (!orders.markExpired(id, now)) {
                    return false;
                }
                Order order = orders.find(id).orElseThrow();
                events.publish(new OrderExpired(id, order.userId(), order.reservationId(), order.couponId()));
                return true;
            });
            if (done) {
                expired++;
            }
        }
        return expired;
    }
}
