package dev.commerce.order.application;

import dev.commerce.order.OrderPlacementAbandoned;
import dev.commerce.order.RecoverPlacementsUseCase;
import dev.commerce.order.application.port.OrderEvents;
import dev.commerce.order.application.port.OrderTransactions;
import dev.commerce.order.application.port.PlacementJournal;
import dev.commerce.order.application.port.RequestKey;
import dev.commerce.order.application.port.RequestKeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Finds placements that noted themselves in the journal and never stored their order within
 * {@code recoverAfter} (longer than any placement may run: the request key's lease), and marks each
 * abandoned in one transaction with its {@link OrderPlacementAbandoned} event, forgetting the dead
 * request's key (so that a retry places a new order); the listener then releases the coupon and the
 * reservation. The mark is conditional on the note still being open, so
 * a placement that stores its order at the same moment either wins (the mark changes nothing) or
 * loses (its own transaction finds no open note, rolls back and undoes its steps).
 */
public final class PlacementRecovery implements RecoverPlacementsUseCase {

    private final PlacementJournal journal;
    private final OrderEvents events;
    private final OrderTransactions transactions;
    private final RequestKeyStore keys;
    private final Duration recoverAfter;

    public PlacementRecovery(PlacementJournal journal, OrderEvents events, OrderTransactions transactions,
            RequestKeyStore keys, Duration recoverAfter) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.recoverAfter = Objects.requireNonNull(recoverAfter, "recoverAfter");
    }

    @Override
    public int recoverAbandoned(Instant now, int limit) {
        int abandoned = 0;
        for (PlacementJournal.Placement placement : journal.openBefore(now.minus(recoverAfter), limit)) {
            boolean done = transactions.inTransaction(() -> {
                if (!journal.abandon(placement.orderId(), now)) {
                    return false; // stored meanwhile, or abandoned by another instance
                }
                // the dead request's key never got an answer; a retry places a new order
                keys.forgetAbandoned(new RequestKey(placement.userId(), placement.requestKey()), placement.orderId());
                events.publish(new OrderPlacementAbandoned(placement.orderId(), placement.userId(),
                        placement.reservationId(), placement.couponId()));
                return true;
            });
            if (done) {
                abandoned++;
            }
        }
        return abandoned;
    }
}
