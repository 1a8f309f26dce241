package dev.commerce.platform.events;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.IncompleteEventPublications;

/** Wires the redelivery of incomplete module event publications. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventRedeliveryProperties.class)
class EventRedeliveryConfiguration {

    @Bean
    EventRedeliveryJob eventRedeliveryJob(IncompleteEventPublications incomplete, EventRedeliveryProperties properties) {
        return new EventRedeliveryJob(incomplete, properties);
    }
}
