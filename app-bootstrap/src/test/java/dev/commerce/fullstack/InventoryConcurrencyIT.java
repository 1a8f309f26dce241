package dev.commerce.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.inventory.adapter.out.persistence.PostgresRowLockAdapter;
import dev.commerce.inventory.application.StockReserver;
import dev.commerce.inventory.application.port.LockPort;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The default strategy: pessimistic row locks ({@code SELECT ... FOR UPDATE}). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InventoryConcurrencyIT extends InventoryConcurrencyContract {

    @Autowired
    LockPort lockPort;

    @Autowired
    ReserveStockUseCase reserver;

    @Test
    void the_pessimistic_strategy_is_in_use() {
        assertThat(lockPort).isInstanceOf(PostgresRowLockAdapter.class);
        assertThat(reserver).isInstanceOf(StockReserver.class);
    }
}
