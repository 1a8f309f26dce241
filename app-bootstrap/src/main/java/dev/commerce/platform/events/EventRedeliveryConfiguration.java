package dev.commerce.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;

/** Wires the redelivery of incomplete module event publications and the gauges of their backlog. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventRedeliveryProperties.class)
class EventRedeliveryConfiguration {

    @Bean
    EventRedeliveryJob eventRedeliveryJob(IncompleteEventPublications incomplete, EventRedeliveryProperties properties) {
        return new EventRedeliveryJob(incomplete, properties);
    }

    @Bean
    EventPublicationBacklogGauges eventPublicationBacklogGauges(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        return new EventPublicationBacklogGauges(EventPublicationBacklogGauges.inDatabase(jdbc), clock, registry);
    }
}
