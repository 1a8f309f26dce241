package dev.commerce.fullstack.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.inventory.application.ConditionalStockReserver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The conditional strategy: one {@code UPDATE ... WHERE on_hand - reserved >= ?} per line. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "commerce.inventory.strategy=conditional")
class ConditionalInventoryConcurrencyIT extends InventoryConcurrencyContract {

    @Autowired
    ReserveStockUseCase reserver;

    @Test
    void the_conditional_strategy_is_in_use() {
        assertThat(reserver).isInstanceOf(ConditionalStockReserver.class);
    }
}
