package dev.commerce.order.adapter.out.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The order's counters of transitions and compensations, registered at startup. */
@Configuration(proxyBeanMethods = false)
class OrderMetricsConfiguration {

    @Bean
    OrderMetrics orderMetrics(MeterRegistry registry) {
        return new OrderMetrics(registry);
    }
}
