package dev.commerce.fullstack.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.inventory.application.StockReserver;
import dev.commerce.inventory.application.port.StockConcurrency;
import dev.commerce.testing.ConcurrentRun;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/** The default strategy: pessimistic row locks ({@code SELECT ... FOR UPDATE}). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InventoryConcurrencyIT extends InventoryConcurrencyContract {

    @Autowired
    ApplicationContext context;

    @Autowired
    ReserveStockUseCase reserver;

    @Autowired
    MeterRegistry registry;

    @Test
    void queued_reservations_of_one_sku_are_placed_in_batches_and_each_is_decided_on_its_own() {
        DistributionSummary batches = registry.get("inventory.reserve.batch").summary();
        long batchesBefore = batches.count();
        double placedBefore = batches.totalAmount();
        String sku = newSku(150);

        Map<String, Long> outcomes = reserveConcurrently(200, sku, 1);

        assertThat(outcomes).containsOnly(Map.entry("OK", 150L), Map.entry("INSUFFICIENT_STOCK", 50L));
        assertStockInDatabase(sku, 150, 150);
        assertThat(pendingUnits(sku)).isEqualTo(150);
        assertThat(jdbc.queryForObject("select count(*) from inventory.reservation_line where sku = ?", Long.class, sku))
                .isEqualTo(150);
        // every request went through exactly one batch, and queued ones were combined
        assertThat(batches.totalAmount() - placedBefore).isEqualTo(200);
        assertThat(batches.count() - batchesBefore).isLessThan(200);
    }

    @Test
    void the_pessimistic_strategy_is_in_use() {
        assertThat(context.getBeanNamesForType(StockConcurrency.class)).containsExactly("rowLockStockConcurrency");
        assertThat(reserver).isInstanceOf(StockReserver.class);
    }
}
