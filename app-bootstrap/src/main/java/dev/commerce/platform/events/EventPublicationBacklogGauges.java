package dev.commerce.platform.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The module event backlog in {@code event_publication}: {@code event.publications.incomplete}, the
 * publications whose listener has not completed, and {@code event.publications.incomplete.oldest}
 * (seconds), the age of the oldest of them (0 when there is none). Healthy, publications complete
 * within moments of their transaction; one that stays incomplete is a listener that keeps failing
 * (resubmitted every {@code commerce.events.resubmit-interval}) or that nobody delivers, and a
 * stock release, a coupon release or a refund waits for it.
 *
 * <p>Measured on a schedule (every {@code commerce.events.resubmit-interval}), not at scrape time,
 * with one query on the index {@code event_publication_by_completion_date_idx}, so that a scrape
 * never waits for a pooled connection. Every instance reports the same numbers (the table is
 * shared): aggregate with {@code max}. When the query fails (the database is down) the gauges keep
 * their last values.
 */
public final class EventPublicationBacklogGauges {

    public static final String INCOMPLETE = "event.publications.incomplete";
    public static final String OLDEST = "event.publications.incomplete.oldest";

    private static final Logger log = LoggerFactory.getLogger(EventPublicationBacklogGauges.class);

    /** How many publications are incomplete, and when the oldest of them was published (null: none). */
    public record Backlog(long incomplete, Instant oldest) {
    }

    private final Supplier<Backlog> backlog;
    private final Clock clock;
    private final AtomicLong incomplete = new AtomicLong();
    private final AtomicLong oldestMillis = new AtomicLong();

    public EventPublicationBacklogGauges(Supplier<Backlog> backlog, Clock clock, MeterRegistry registry) {
        this.backlog = Objects.requireNonNull(backlog, "backlog");
        this.clock = Objects.requireNonNull(clock, "clock");
        Gauge.builder(INCOMPLETE, incomplete, AtomicLong::get)
                .description("Module event publications whose listener has not completed (the same on every instance)")
                .strongReference(true)
                .register(registry);
        Gauge.builder(OLDEST, oldestMillis, millis -> millis.get() / 1000.0)
                .description("Age of the oldest incomplete module event publication; 0 when there is none")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
    }

    /** The backlog in PostgreSQL: one query on the incomplete rows (completion_date IS NULL, indexed). */
    public static Supplier<Backlog> inDatabase(JdbcClient jdbc) {
        return () -> jdbc.sql("""
                SELECT count(*) AS incomplete, min(publication_date) AS oldest
                FROM event_publication WHERE completion_date IS NULL
                """).query((rs, row) -> {
                    Timestamp oldest = rs.getTimestamp("oldest");
                    return new Backlog(rs.getLong("incomplete"), oldest == null ? null : oldest.toInstant());
                }).single();
    }

    @Scheduled(fixedDelayString = "${commerce.events.resubmit-interval:30s}")
    public void measure() {
        Backlog now;
        try {
            now = backlog.get();
        } catch (RuntimeException e) {
            // the database may be down: keep the last values, the next run tries again
            log.debug("Measuring the event publication backlog failed: {}", e.toString());
            return;
        }
        incomplete.set(now.incomplete());
        oldestMillis.set(now.oldest() == null ? 0
                : Math.max(0, Duration.between(now.oldest(), clock.instant()).toMillis()));
    }
}
