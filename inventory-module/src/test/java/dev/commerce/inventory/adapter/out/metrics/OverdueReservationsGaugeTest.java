package dev.commerce.inventory.adapter.out.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverdueReservationsGaugeTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(NOW);
    private final List<Instant> expiries = new ArrayList<>();
    private final List<Instant> askedFor = new ArrayList<>();

    private final OverdueReservationsGauge.PendingCount pending = before -> {
        askedFor.add(before);
        return expiries.stream().filter(expiry -> expiry.isBefore(before)).count();
    };

    @Test
    void counts_pending_reservations_past_their_expiry_by_more_than_the_grace() {
        OverdueReservationsGauge gauge = new OverdueReservationsGauge(pending, clock, Duration.ofSeconds(5), meters);
        expiries.add(NOW.minusSeconds(30));                    // within the grace: the next sweep's
        expiries.add(NOW.minus(Duration.ofMinutes(2)));        // overdue
        expiries.add(NOW.plusSeconds(60));                     // not yet expired

        assertThat(overdue()).as("nothing measured yet").isZero();
        gauge.measure();

        assertThat(askedFor).containsExactly(NOW.minus(Duration.ofMinutes(1)));
        assertThat(overdue()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        gauge.measure();
        assertThat(overdue()).isEqualTo(2);
    }

    @Test
    void the_grace_is_three_sweeps_and_at_least_a_minute() {
        assertThat(new OverdueReservationsGauge(pending, clock, Duration.ofSeconds(5), new SimpleMeterRegistry())
                .grace()).isEqualTo(Duration.ofMinutes(1));
        assertThat(new OverdueReservationsGauge(pending, clock, Duration.ofMinutes(1), new SimpleMeterRegistry())
                .grace()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void a_failed_count_keeps_the_last_value() {
        boolean[] down = {false};
        OverdueReservationsGauge gauge = new OverdueReservationsGauge(before -> {
            if (down[0]) {
                throw new IllegalStateException("database down");
            }
            return 7;
        }, clock, Duration.ofSeconds(5), meters);
        gauge.measure();
        down[0] = true;

        gauge.measure();

        assertThat(overdue()).isEqualTo(7);
    }

    private double overdue() {
        return meters.get(OverdueReservationsGauge.NAME).gauge().value();
    }
}
