package dev.commerce.fullstack.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.inventory.application.StockReserver;
import dev.commerce.inventory.application.port.StockConcurrency;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/** The optimistic strategy: version column, compare-and-set saves, bounded retries. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "commerce.inventory.strategy=optimistic")
class OptimisticInventoryConcurrencyIT extends InventoryConcurrencyContract {

    @Autowired
    ApplicationContext context;

    @Autowired
    ReserveStockUseCase reserver;

    @Test
    void the_optimistic_strategy_is_in_use() {
        assertThat(context.getBeanNamesForType(StockConcurrency.class)).containsExactly("optimisticStockConcurrency");
        assertThat(reserver).isInstanceOf(StockReserver.class);
    }
}
