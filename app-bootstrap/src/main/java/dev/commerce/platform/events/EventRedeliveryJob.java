package dev.commerce.platform.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Resubmits module event publications whose listener failed or whose instance died, once they are
 * older than {@code commerce.events.resubmit-after}. Spring Modulith redelivers them on restart by
 * itself; this delivers them while the service runs, so that a refund or a stock release that
 * failed for a moment does not wait for the next deployment. Every instance runs it: a publication
 * may reach its listener twice, which is why every listener is idempotent (ADR 11).
 */
public class EventRedeliveryJob {

    private static final Logger log = LoggerFactory.getLogger(EventRedeliveryJob.class);

    private final IncompleteEventPublications incomplete;
    private final EventRedeliveryProperties properties;

    public EventRedeliveryJob(IncompleteEventPublications incomplete, EventRedeliveryProperties properties) {
        this.incomplete = incomplete;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${commerce.events.resubmit-interval:30s}",
            initialDelayString = "${commerce.events.resubmit-interval:30s}")
    public void resubmit() {
        try {
            incomplete.resubmitIncompletePublicationsOlderThan(properties.resubmitAfter());
        } catch (RuntimeException e) {
            // the database may be down: the next run tries again
            log.warn("Resubmitting incomplete event publications failed: {}", e.toString());
        }
    }
}
