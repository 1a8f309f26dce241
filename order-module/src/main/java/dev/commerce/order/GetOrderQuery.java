package dev.commerce.order;

import dev.commerce.shared.Caller;

/** Reads an order: its owner's, or any for an administrator. */
public interface GetOrderQuery {

    /** @throws OrderException {@code ORDER_NOT_FOUND}, also for another buyer's order */
    OrderView getOrder(Caller caller, String orderId);
}
