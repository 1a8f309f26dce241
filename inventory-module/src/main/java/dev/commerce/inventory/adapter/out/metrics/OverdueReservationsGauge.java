package dev.commerce.inventory.adapter.out.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * {@code inventory.reservations.overdue}: PENDING reservations whose expiry is more than a grace
 * period in the past, that is reservations the expiry sweep should have released by now and has not
 * (the sweep is failing, stuck, or cannot keep up). Healthy, it is 0: every instance sweeps every
 * {@code commerce.inventory.expiry-sweep-interval}.
 *
 * <p>Measured on a schedule, not at scrape time: one COUNT on the partial index
 * {@code reservation_pending_by_expiry} every sweep interval per instance, so that a scrape never
 * waits for a pooled connection (during a flash sale the pool is busy, and the scrape would queue
 * behind the requests it is meant to watch). Every instance reports the same number (the database
 * is shared): aggregate with {@code max}, not {@code sum}. When the count fails (the database is
 * down) the gauge keeps its last value; the 5xx alert speaks for that outage.
 */
public final class OverdueReservationsGauge {

    static final String NAME = "inventory.reservations.overdue";

    /** The least grace: a sweep that runs late or a batch that spills into the next run is not overdue. */
    static final Duration MIN_GRACE = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(OverdueReservationsGauge.class);

    /** Counts PENDING reservations whose expiry is before the given instant. */
    @FunctionalInterface
    interface PendingCount {
        long expiredBefore(Instant instant);
    }

    private final PendingCount pending;
    private final Clock clock;
    private final Duration grace;
    private final AtomicLong overdue = new AtomicLong();

    /**
     * @param sweepInterval the expiry sweep's interval: the grace is three of them, at least
     *                      {@link #MIN_GRACE}
     */
    OverdueReservationsGauge(PendingCount pending, Clock clock, Duration sweepInterval, MeterRegistry registry) {
        this.pending = Objects.requireNonNull(pending, "pending");
        this.clock = Objects.requireNonNull(clock, "clock");
        Duration threeSweeps = sweepInterval.multipliedBy(3);
        this.grace = threeSweeps.compareTo(MIN_GRACE) > 0 ? threeSweeps : MIN_GRACE;
        Gauge.builder(NAME, overdue, AtomicLong::get)
                .description("PENDING reservations more than " + grace.toSeconds()
                        + " s past their expiry, not yet released by the expiry sweep (the same on every instance)")
                .strongReference(true)
                .register(registry);
    }

    /** The count in PostgreSQL: one index range scan of {@code reservation_pending_by_expiry}. */
    static PendingCount inDatabase(JdbcClient jdbc) {
        return instant -> jdbc.sql("""
                SELECT count(*) FROM inventory.reservation WHERE status = 'PENDING' AND expires_at < ?
                """).param(Timestamp.from(instant)).query(Long.class).single();
    }

    Duration grace() {
        return grace;
    }

    @Scheduled(fixedDelayString = "${commerce.inventory.expiry-sweep-interval:5s}")
    public void measure() {
        try {
            overdue.set(pending.expiredBefore(clock.instant().minus(grace)));
        } catch (RuntimeException e) {
            // the database may be down: keep the last value, the next run tries again
            log.debug("Counting overdue reservations failed: {}", e.toString());
        }
    }
}
