package dev.commerce.payment;

import java.time.Instant;

/** Background upkeep of idempotency keys: settling unknown outcomes and forgetting old keys. */
public interface ReconcilePaymentsUseCase {

    /**
     * Settles keys whose outcome is unknown, or whose lease ran out (a crashed request), and that
     * have stayed so since before {@code settleBefore}: asks the gateway by key and records the
     * charge it has, or frees the key when it has none. At most {@code limit} keys.
     *
     * @return how many keys were settled or freed
     */
    int reconcile(Instant settleBefore, int limit);

    /** Deletes completed keys completed before {@code completedBefore}; returns how many. */
    int forgetCompletedKeys(Instant completedBefore);
}
