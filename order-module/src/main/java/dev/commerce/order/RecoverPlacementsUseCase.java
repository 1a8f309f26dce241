package dev.commerce.order;

import java.time.Instant;

/**
 * Gives back what placements left taken when their process died between redeeming the coupon and
 * storing the order ({@link OrderPlacementAbandoned}).
 */
public interface RecoverPlacementsUseCase {

    /**
     * Marks abandoned at most {@code limit} placements begun before {@code now} minus the recovery
     * delay that never stored their order, each with its event; returns how many.
     */
    int recoverAbandoned(Instant now, int limit);
}
