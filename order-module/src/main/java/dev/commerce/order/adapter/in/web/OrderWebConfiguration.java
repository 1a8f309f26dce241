package dev.commerce.order.adapter.in.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The counters of the order requests' outcomes (the controller itself is a scanned {@code @RestController}). */
@Configuration(proxyBeanMethods = false)
class OrderWebConfiguration {

    @Bean
    OrderRequestMetrics orderRequestMetrics(MeterRegistry registry) {
        return new OrderRequestMetrics(registry);
    }
}
