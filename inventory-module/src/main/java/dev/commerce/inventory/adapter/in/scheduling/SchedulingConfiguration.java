package dev.commerce.inventory.adapter.in.scheduling;

import dev.commerce.inventory.ExpireReservationsUseCase;
import dev.commerce.inventory.adapter.InventoryProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The expiry sweep, which reaches the application through its use case. */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

    @Bean
    ReservationExpiryJob reservationExpiryJob(ExpireReservationsUseCase expireReservations, Clock clock,
            InventoryProperties properties, MeterRegistry registry) {
        return new ReservationExpiryJob(expireReservations, clock, properties.expiryBatchSize(), registry);
    }
}
