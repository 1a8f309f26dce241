package dev.commerce.order.application;

import dev.commerce.order.GetOrderQuery;
import dev.commerce.order.OrderException;
import dev.commerce.order.OrderView;
import dev.commerce.order.application.port.OrderRepository;
import dev.commerce.order.domain.Order;
import dev.commerce.shared.Caller;

/** Reads orders; another buyer's order is reported as absent. */
public final class OrderReader implements GetOrderQuery {

    private final OrderRepository orders;

    public OrderReader(OrderRepository orders) {
        this.orders = orders;
    }

    @Override
    public OrderView getOrder(Caller caller, String orderId) {
        return orders.find(orderId).filter(order -> caller.maySee(order.userId())).map(Order::view)
                .orElseThrow(() -> OrderException.notFound(orderId));
    }
}
