package dev.commerce.order.adapter.in.events;

import dev.commerce.order.ApplySettledChargeUseCase;
import dev.commerce.order.FollowUpOrderChangesUseCase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The listeners of the order's own events and of the payment module's settled charges. */
@Configuration(proxyBeanMethods = false)
class OrderEventsConfiguration {

    @Bean
    OrderEventListener orderEventListener(FollowUpOrderChangesUseCase followUp) {
        return new OrderEventListener(followUp);
    }

    @Bean
    PaymentSettledListener paymentSettledListener(ApplySettledChargeUseCase settledCharges) {
        return new PaymentSettledListener(settledCharges);
    }
}
