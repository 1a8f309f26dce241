package dev.commerce.fullstack;

import dev.commerce.inventory.ExpireReservationsCommand;
import dev.commerce.inventory.ExpireReservationsUseCase;
import dev.commerce.order.ExpireOrdersUseCase;
import dev.commerce.payment.ReconcilePaymentsUseCase;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Settles now what the background jobs would otherwise do under a campaign's feet: reservations
 * and orders that earlier test classes left to expire, payment keys they left unsettled, and the
 * module events those raise. A campaign that compares the database before and after its refused
 * requests then sees only what the requests did.
 */
final class BackgroundWork {

    private static final Duration QUIET_FOR = Duration.ofSeconds(1);
    private static final Duration AT_MOST = Duration.ofSeconds(20);

    private BackgroundWork() {
    }

    static void settle(ApplicationContext context) {
        Instant later = Instant.now().plus(Duration.ofMinutes(15));
        context.getBean(ExpireReservationsUseCase.class).expireOverdue(ExpireReservationsCommand.asOf(later));
        context.getBean(ReconcilePaymentsUseCase.class).reconcile(Instant.now().plus(Duration.ofHours(1)), 10_000);
        context.getBean(ExpireOrdersUseCase.class).expireOverdue(later, 10_000);
        awaitQuietEvents(context.getBean(JdbcTemplate.class));
    }

    /**
     * Waits until the incomplete event publications stop changing (their listeners ran), at most
     * {@link #AT_MOST}: one a test left failing on purpose stays incomplete until a restart, which
     * is no reason to wait longer; whatever a late listener changed, the campaign's snapshot sees.
     */
    private static void awaitQuietEvents(JdbcTemplate jdbc) {
        Instant deadline = Instant.now().plus(AT_MOST);
        long last = incomplete(jdbc);
        Instant quietSince = Instant.now();
        while (last > 0 && Instant.now().isBefore(deadline)
                && Duration.between(quietSince, Instant.now()).compareTo(QUIET_FOR) < 0) {
            sleep();
            long now = incomplete(jdbc);
            if (now != last) {
                last = now;
                quietSince = Instant.now();
            }
        }
    }

    private static long incomplete(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE completion_date IS NULL", Long.class);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
