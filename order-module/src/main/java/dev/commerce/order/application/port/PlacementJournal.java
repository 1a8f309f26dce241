package dev.commerce.order.application.port;

import java.time.Instant;
import java.util.List;

/**
 * Notes of placements in flight that hold a redeemed coupon (or are about to). A note is written
 * before the coupon is redeemed and deleted in the transaction that stores the order; one left behind
 * by a process that died in between is found by its age and marked abandoned. The three writes are
 * conditional on the note's state, so the placement and the recovery never both win.
 */
public interface PlacementJournal {

    /** @param requestKey the placement's Idempotency-Key, forgotten when the placement is abandoned */
    record Placement(String orderId, long userId, String requestKey, String couponId, String reservationId,
            Instant startedAt) {
    }

    /**
     * Notes the placement; a note already there (a retried placement of the same order) is kept.
     *
     * @return false when the placement of this order was abandoned: it must not go on
     */
    boolean begin(Placement placement);

    /**
     * Deletes the open note of {@code orderId}; runs in the transaction that stores the order.
     *
     * @return false when there is no open note (the recovery abandoned it): the order must not be stored
     */
    boolean finish(String orderId);

    /** Open notes begun before {@code before}, oldest first, at most {@code limit}. */
    List<Placement> openBefore(Instant before, int limit);

    /** Marks the open note of {@code orderId} abandoned; false when it is finished or abandoned already. */
    boolean abandon(String orderId, Instant now);

    /** Deletes abandoned notes marked before {@code before}. */
    int deleteAbandonedBefore(Instant before);
}
