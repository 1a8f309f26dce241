package dev.commerce.order.adapter.in.scheduling;

import dev.commerce.order.ExpireOrdersUseCase;
import dev.commerce.order.ForgetOldRequestsUseCase;
import dev.commerce.order.RecoverPlacementsUseCase;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Expires overdue orders on a fixed delay, recovers placements abandoned by a dead process
 * ({@link RecoverPlacementsUseCase}), and forgets request keys and abandoned placements' tombstones
 * past their retention ({@link ForgetOldRequestsUseCase}). Every instance runs it; each order is
 * expired (each placement abandoned) once, by a conditional update. Expiries are counted as
 * {@code orders.transitions{to="EXPIRED"}} when their transaction commits (the order events' decorator).
 */
class OrderExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(OrderExpiryJob.class);

    private final ExpireOrdersUseCase expireOrders;
    private final RecoverPlacementsUseCase recovery;
    private final ForgetOldRequestsUseCase oldRequests;
    private final Clock clock;
    private final int batchSize;
    private final Duration keyRetention;

    OrderExpiryJob(ExpireOrdersUseCase expireOrders, RecoverPlacementsUseCase recovery,
            ForgetOldRequestsUseCase oldRequests, Clock clock, int batchSize, Duration keyRetention) {
        this.expireOrders = expireOrders;
        this.recovery = recovery;
        this.oldRequests = oldRequests;
        this.clock = clock;
        this.batchSize = batchSize;
        this.keyRetention = keyRetention;
    }

    @Scheduled(fixedDelayString = "${commerce.order.expiry-sweep-interval:5s}",
            initialDelayString = "${commerce.order.expiry-sweep-interval:5s}")
    public void sweep() {
        try {
            int expired = expireOrders.expireOverdue(clock.instant(), batchSize);
            if (expired > 0) {
                log.info("Expired {} overdue orders", expired);
            }
            int abandoned = recovery.recoverAbandoned(clock.instant(), batchSize);
            if (abandoned > 0) {
                log.warn("Gave back the coupon and stock of {} placements abandoned by a dead process", abandoned);
            }
            oldRequests.forgetBefore(clock.instant().minus(keyRetention));
        } catch (RuntimeException e) {
            log.warn("Order expiry sweep failed: {}", e.getMessage());
        }
    }
}
