package dev.commerce.order.application.port;

/**
 * Publishes the module's events. Called inside the transaction that changes the order, so an event
 * is recorded (and later delivered) exactly when that change commits.
 */
public interface OrderEvents {

    void publish(Object event);
}
