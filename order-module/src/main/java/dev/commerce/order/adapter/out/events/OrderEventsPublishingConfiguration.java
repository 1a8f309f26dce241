package dev.commerce.order.adapter.out.events;

import dev.commerce.order.application.port.OrderEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The order's events, published through Spring (Modulith's publication registry); the use cases'
 * configuration wraps them in the counting decorator.
 */
@Configuration(proxyBeanMethods = false)
class OrderEventsPublishingConfiguration {

    @Bean
    OrderEvents orderEvents(ApplicationEventPublisher publisher) {
        return new SpringOrderEvents(publisher);
    }
}
