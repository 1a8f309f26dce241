package dev.commerce.platform.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code commerce.events.*}: how often every instance resubmits module event publications whose
 * listener has not completed, and how old such a publication must be (younger ones are most likely
 * still being handled).
 */
@ConfigurationProperties("commerce.events")
public record EventRedeliveryProperties(@DefaultValue("30s") Duration resubmitInterval,
        @DefaultValue("1m") Duration resubmitAfter) {

    public EventRedeliveryProperties {
        if (resubmitInterval == null || resubmitInterval.isNegative() || resubmitInterval.isZero()) {
            throw new IllegalArgumentException("commerce.events.resubmit-interval must be positive");
        }
        if (resubmitAfter == null || resubmitAfter.isNegative() || resubmitAfter.isZero()) {
            throw new IllegalArgumentException("commerce.events.resubmit-after must be positive");
        }
    }
}
