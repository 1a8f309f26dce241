package dev.commerce.payment.adapter.out.events;

import dev.commerce.payment.PaymentSettled;
import dev.commerce.payment.application.port.PaymentEvents;
import org.springframework.context.ApplicationEventPublisher;

/**
 * {@link PaymentEvents} on Spring's publisher. Inside a transaction, Spring Modulith's registry
 * records one publication per listener in that transaction and delivers them after the commit.
 */
class SpringPaymentEvents implements PaymentEvents {

    private final ApplicationEventPublisher publisher;

    SpringPaymentEvents(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void publish(PaymentSettled event) {
        publisher.publishEvent(event);
    }
}
