package dev.commerce.inventory.adapter.out.optimistic;

import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.inventory.adapter.ConditionalOnInventoryStrategy;
import dev.commerce.inventory.adapter.InventoryProperties;
import dev.commerce.inventory.adapter.InventoryStrategy;
import dev.commerce.inventory.application.ReservationSettings;
import dev.commerce.inventory.application.StockReserver;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.application.port.StockConcurrency;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The optimistic strategy ({@code commerce.inventory.strategy=optimistic}): its stock store, its
 * retries, and reservations placed one at a time (measured as they are, retries and all: no combining).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnInventoryStrategy(InventoryStrategy.OPTIMISTIC)
class OptimisticConfiguration {

    @Bean
    VersionCheckedStockRepository versionCheckedStockRepository(JdbcClient jdbc) {
        return new VersionCheckedStockRepository(jdbc);
    }

    @Bean
    StockConcurrency optimisticStockConcurrency(PlatformTransactionManager transactionManager,
            VersionCheckedStockRepository stocks, InventoryProperties properties) {
        return new OptimisticStockConcurrency(transactionManager, stocks, properties.optimisticMaxAttempts());
    }

    @Bean
    ReserveStockUseCase optimisticStockReserver(VersionCheckedStockRepository stocks,
            ReservationRepository reservations, StockConcurrency stockConcurrency, Clock clock,
            InventoryProperties properties) {
        return new StockReserver(stocks, reservations, stockConcurrency, clock,
                new ReservationSettings(properties.reservationLifetime()));
    }
}
