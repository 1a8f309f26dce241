package dev.commerce.payment.adapter.out.events;

import dev.commerce.payment.application.port.PaymentEvents;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The payment's events, published through Spring (Modulith's publication registry). */
@Configuration(proxyBeanMethods = false)
class PaymentEventsConfiguration {

    @Bean
    PaymentEvents paymentEvents(ApplicationEventPublisher publisher) {
        return new SpringPaymentEvents(publisher);
    }
}
