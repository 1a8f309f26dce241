package dev.commerce.inventory;

/** Expires overdue pending reservations and returns their stock to available; run periodically. */
public interface ExpireReservationsUseCase {

    /**
     * A reservation that cannot be expired now (its stock rows stay locked too long, or it fails) is
     * skipped, logged and left for the next run, so one never blocks the others.
     *
     * @return how many reservations this run expired
     */
    int expireOverdue(ExpireReservationsCommand command);
}
