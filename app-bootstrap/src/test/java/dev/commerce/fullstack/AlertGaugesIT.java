package dev.commerce.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.inventory.adapter.out.metrics.OverdueReservationsGauge;
import dev.commerce.platform.events.EventPublicationBacklogGauges;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * The gauges the alerting rules ({@code infra/compose/prometheus/alerts.yml}) read, measured on real
 * PostgreSQL and scraped under the names the rules use: overdue reservations, the event publication
 * backlog and the coupon breaker's state. The sweeps are slowed to an hour so that they do not
 * release or resubmit the rows this test plants before it has measured them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.server.port=0",
    "commerce.inventory.expiry-sweep-interval=1h",
    "commerce.events.resubmit-interval=1h"})
class AlertGaugesIT extends FullStackTest {

    @LocalManagementPort
    int managementPort;

    @Autowired
    OverdueReservationsGauge overdueReservations;

    @Autowired
    EventPublicationBacklogGauges eventBacklog;

    @Test
    void overdue_reservations_and_the_event_backlog_are_counted_in_postgresql_and_scraped_by_their_alert_names() {
        overdueReservations.measure();
        eventBacklog.measure();
        String before = scrape();
        double overdueBefore = sample(before, "inventory_reservations_overdue");
        double incompleteBefore = sample(before, "event_publications_incomplete");

        String reservation = UUID.randomUUID().toString();
        UUID publication = UUID.randomUUID();
        try {
            // overdue by a day: past any grace (here three sweeps of an hour)
            jdbc.update("INSERT INTO inventory.reservation (id, owner_id, order_id, status, created_at, expires_at)"
                    + " VALUES (?, 1, 'alert-gauges', 'PENDING', now() - interval '2 days', now() - interval '1 day')",
                    reservation);
            // pending, just expired: the next sweep's, not overdue
            jdbc.update("INSERT INTO inventory.reservation (id, owner_id, order_id, status, created_at, expires_at)"
                    + " VALUES (?, 1, 'alert-gauges', 'PENDING', now() - interval '1 hour', now() - interval '1 second')",
                    UUID.randomUUID().toString());
            // a second more than two days: the gauge keeps whole milliseconds of the service's clock, the
            // database microseconds, so an age measured just after "exactly two days" can read 1 ms short
            jdbc.update("INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date)"
                    + " VALUES (?, 'alert-gauges', 'AlertGaugesIT', '{}', now() - interval '2 days 1 second')",
                    publication);

            overdueReservations.measure();
            eventBacklog.measure();
            String after = scrape();

            assertThat(sample(after, "inventory_reservations_overdue")).isEqualTo(overdueBefore + 1);
            assertThat(sample(after, "event_publications_incomplete")).isEqualTo(incompleteBefore + 1);
            assertThat(sample(after, "event_publications_incomplete_oldest_seconds")).isGreaterThanOrEqualTo(2 * 86_400);
            assertThat(sample(after, "coupon_lock_breaker_state\\{state=\"closed\"\\}")).isEqualTo(1);
            assertThat(sample(after, "coupon_lock_breaker_state\\{state=\"open\"\\}")).isZero();
        } finally {
            jdbc.update("DELETE FROM inventory.reservation WHERE order_id = 'alert-gauges'");
            jdbc.update("DELETE FROM event_publication WHERE id = ?", publication);
        }
    }

    private String scrape() {
        ApiClient.Response response = new ApiClient(managementPort).anonymous().get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    /** The value of the one sample named (a regex for the name and labels) in a Prometheus text page. */
    private static double sample(String page, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + series + "(?:\\{[^}]*\\})? (\\S+)").matcher(page);
        assertThat(matcher.find()).as("%s in the scrape", series).isTrue();
        double value = Double.parseDouble(matcher.group(1));
        assertThat(matcher.find()).as("%s only once", series).isFalse();
        return value;
    }
}
