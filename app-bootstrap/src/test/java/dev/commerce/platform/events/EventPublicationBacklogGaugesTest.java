package dev.commerce.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.platform.events.EventPublicationBacklogGauges.Backlog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EventPublicationBacklogGaugesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicReference<Backlog> backlog = new AtomicReference<>(new Backlog(0, null));
    private final EventPublicationBacklogGauges gauges = new EventPublicationBacklogGauges(() -> {
        Backlog current = backlog.get();
        if (current == null) {
            throw new IllegalStateException("database down");
        }
        return current;
    }, Clock.fixed(NOW, ZoneOffset.UTC), meters);

    @Test
    void reports_the_incomplete_publications_and_the_age_of_the_oldest() {
        backlog.set(new Backlog(3, NOW.minusSeconds(420)));

        gauges.measure();

        assertThat(gauge(EventPublicationBacklogGauges.INCOMPLETE)).isEqualTo(3);
        assertThat(gauge(EventPublicationBacklogGauges.OLDEST)).isEqualTo(420);
        assertThat(meters.get(EventPublicationBacklogGauges.OLDEST).gauge().getId().getBaseUnit()).isEqualTo("seconds");
    }

    @Test
    void no_backlog_is_zero_and_zero() {
        backlog.set(new Backlog(5, NOW.minusSeconds(60)));
        gauges.measure();
        backlog.set(new Backlog(0, null));

        gauges.measure();

        assertThat(gauge(EventPublicationBacklogGauges.INCOMPLETE)).isZero();
        assertThat(gauge(EventPublicationBacklogGauges.OLDEST)).isZero();
    }

    @Test
    void a_failed_query_keeps_the_last_values() {
        backlog.set(new Backlog(2, NOW.minusSeconds(90)));
        gauges.measure();
        backlog.set(null);

        gauges.measure();

        assertThat(gauge(EventPublicationBacklogGauges.INCOMPLETE)).isEqualTo(2);
        assertThat(gauge(EventPublicationBacklogGauges.OLDEST)).isEqualTo(90);
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }
}
