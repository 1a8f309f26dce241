package dev.commerce.inventory.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.inventory.ReserveStockUseCase;
import org.junit.jupiter.api.AfterEach;

/**
 * The same concurrency tests for the locking reserver that places reservations queued for the same
 * SKUs in batches: a batch must decide each reservation on its own, in order, against what the ones
 * before it left, and never oversell, deadlock or reserve half an order.
 */
class CombiningReservationConcurrencyTest extends ReservationConcurrencyTest {

    @Override
    ReserveStockUseCase reserver() {
        return inventory.combiningReserver;
    }

    @AfterEach
    void batches_stayed_within_the_limit() {
        assertThat(inventory.batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, Inventory.COMBINE_LIMIT));
    }
}
