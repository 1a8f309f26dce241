package dev.commerce.order.adapter.in.scheduling;

import dev.commerce.order.ExpireOrdersUseCase;
import dev.commerce.order.ForgetOldRequestsUseCase;
import dev.commerce.order.RecoverPlacementsUseCase;
import dev.commerce.order.adapter.OrderProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The order's sweep: expiries, abandoned placements, old request keys. */
@Configuration(proxyBeanMethods = false)
class OrderSchedulingConfiguration {

    @Bean
    OrderExpiryJob orderExpiryJob(ExpireOrdersUseCase expirer, RecoverPlacementsUseCase recovery,
            ForgetOldRequestsUseCase oldRequests, Clock clock, OrderProperties properties) {
        return new OrderExpiryJob(expirer, recovery, oldRequests, clock, properties.expiryBatchSize(),
                properties.keyRetention());
    }
}
