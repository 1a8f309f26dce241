package dev.commerce.order.adapter.out.events;

import dev.commerce.order.application.port.OrderEvents;
import org.springframework.context.ApplicationEventPublisher;

/**
 * {@link OrderEvents} on Spring's publisher. Inside a transaction, Spring Modulith's registry
 * records one publication per listener in that transaction and delivers them after the commit.
 */
class SpringOrderEvents implements OrderEvents {

    private final ApplicationEventPublisher publisher;

    SpringOrderEvents(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void publish(Object event) {
        publisher.publishEvent(event);
    }
}
