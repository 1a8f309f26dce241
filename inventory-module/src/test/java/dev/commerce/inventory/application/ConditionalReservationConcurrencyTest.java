package dev.commerce.inventory.application;

import dev.commerce.inventory.ReserveStockUseCase;

/**
 * The same concurrency tests for the conditional-update reserver: it takes no lock before
 * reading, and must still never oversell, deadlock or reserve half an order.
 */
class ConditionalReservationConcurrencyTest extends ReservationConcurrencyTest {

    @Override
    ReserveStockUseCase reserver() {
        return inventory.conditionalReserver;
    }
}
