package dev.commerce.inventory.adapter.out.rowlock;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.inventory.adapter.ConditionalOnInventoryStrategy;
import dev.commerce.inventory.adapter.InventoryProperties;
import dev.commerce.inventory.adapter.InventoryStrategy;
import dev.commerce.inventory.application.Combiner;
import dev.commerce.inventory.application.ReservationSettings;
import dev.commerce.inventory.application.StockReserver;
import dev.commerce.inventory.application.port.InventoryTransactions;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.application.port.StockConcurrency;
import dev.commerce.inventory.application.port.StockRepository;
import dev.commerce.inventory.domain.Reservation;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The row lock: the stock changes of the pessimistic strategy (the default) and those of the
 * conditional strategy other than its reservations (confirm, cancel, expiry, stock setting).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnInventoryStrategy({InventoryStrategy.PESSIMISTIC, InventoryStrategy.CONDITIONAL})
class RowLockConfiguration {

    @Bean
    StockConcurrency rowLockStockConcurrency(InventoryTransactions transactions,
            PlatformTransactionManager transactionManager, JdbcClient jdbc, MeterRegistry registry,
            InventoryProperties properties) {
        return new RowLockStockConcurrency(transactions, transactionManager, jdbc, registry, properties.lockTimeout());
    }

    /** The pessimistic strategy's reservations: under the row lock, combined when they queue for the same rows. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnInventoryStrategy(InventoryStrategy.PESSIMISTIC)
    static class Reservations {

        @Bean
        ReserveStockUseCase rowLockStockReserver(StockRepository stocks, ReservationRepository reservations,
                StockConcurrency stockConcurrency, Clock clock, InventoryProperties properties,
                MeterRegistry registry) {
            ReservationSettings settings = new ReservationSettings(properties.reservationLifetime());
            if (properties.combineLimit() == 1) {
                return new StockReserver(stocks, reservations, stockConcurrency, clock, settings);
            }
            DistributionSummary batches = DistributionSummary.builder("inventory.reserve.batch")
                    .description("reservations placed together under one lock of their stock rows")
                    .publishPercentileHistogram().register(registry);
            Combiner<StockReserver.Request, Reservation> combiner = new Combiner<>(properties.combineLimit(),
                    properties.lockTimeout(), () -> new InventoryException(InventoryErrorCode.LOCK_TIMEOUT,
                            "Stock is busy; could not lock it within " + properties.lockTimeout().toMillis()
                                    + " ms. Retry later.", Duration.ofSeconds(1), null),
                    batches::record);
            return new StockReserver(stocks, reservations, stockConcurrency, clock, settings, combiner);
        }
    }
}
