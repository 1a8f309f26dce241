package dev.commerce.inventory.adapter.out.metrics;

import dev.commerce.inventory.adapter.InventoryProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The inventory gauges measured in PostgreSQL. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /** The reservations the sweep should have released by now ({@code inventory.reservations.overdue}), for alerts. */
    @Bean
    OverdueReservationsGauge overdueReservationsGauge(JdbcClient jdbc, Clock clock, InventoryProperties properties,
            MeterRegistry registry) {
        return new OverdueReservationsGauge(OverdueReservationsGauge.inDatabase(jdbc), clock,
                properties.expirySweepInterval(), registry);
    }
}
