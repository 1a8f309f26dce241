package dev.commerce.inventory.adapter.in.scheduling;

import dev.commerce.inventory.ExpireReservationsCommand;
import dev.commerce.inventory.ExpireReservationsUseCase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the expiry sweep on a fixed delay. Every instance runs it; a reservation is still released
 * once, because each one is re-checked under its stock row locks before it is expired.
 */
class ReservationExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(ReservationExpiryJob.class);

    private final ExpireReservationsUseCase expireReservations;
    private final Clock clock;
    private final int batchSize;
    private final Counter expiredCounter;

    ReservationExpiryJob(ExpireReservationsUseCase expireReservations, Clock clock, int batchSize,
            MeterRegistry registry) {
        this.expireReservations = expireReservations;
        this.clock = clock;
        this.batchSize = batchSize;
        this.expiredCounter = Counter.builder("inventory.reservations.expired")
                .description("reservations the sweep expired, their stock returned").register(registry);
    }

    @Scheduled(fixedDelayString = "${commerce.inventory.expiry-sweep-interval:5s}",
            initialDelayString = "${commerce.inventory.expiry-sweep-interval:5s}")
    public void sweep() {
        try {
            int expired = expireReservations.expireOverdue(new ExpireReservationsCommand(clock.instant(), batchSize));
            if (expired > 0) {
                expiredCounter.increment(expired);
                log.info("Expired {} overdue reservations", expired);
            }
        } catch (RuntimeException e) {
            // the database may be down; the next run tries again
            log.warn("Reservation expiry sweep failed: {}", e.getMessage());
        }
    }
}
