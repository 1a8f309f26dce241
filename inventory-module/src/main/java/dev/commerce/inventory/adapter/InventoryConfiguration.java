package dev.commerce.inventory.adapter;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.inventory.adapter.in.scheduling.ReservationExpiryJob;
import dev.commerce.inventory.adapter.out.metrics.OverdueReservationsGauge;
import dev.commerce.inventory.adapter.out.persistence.JdbcPriceRepository;
import dev.commerce.inventory.adapter.out.persistence.JdbcReservationRepository;
import dev.commerce.inventory.adapter.out.persistence.JdbcStockRepository;
import dev.commerce.inventory.adapter.out.persistence.JdbcInventoryTransactions;
import dev.commerce.inventory.adapter.out.persistence.OptimisticStockConcurrency;
import dev.commerce.inventory.adapter.out.persistence.RowLockStockConcurrency;
import dev.commerce.inventory.adapter.out.persistence.VersionCheckedStockRepository;
import dev.commerce.inventory.application.Combiner;
import dev.commerce.inventory.application.ConditionalStockReserver;
import dev.commerce.inventory.application.PriceKeeper;
import dev.commerce.inventory.application.ReservationExpirer;
import dev.commerce.inventory.application.ReservationReader;
import dev.commerce.inventory.application.ReservationSettings;
import dev.commerce.inventory.application.ReservationCloser;
import dev.commerce.inventory.application.StockKeeper;
import dev.commerce.inventory.application.StockReserver;
import dev.commerce.inventory.application.port.StockConcurrency;
import dev.commerce.inventory.application.port.PriceRepository;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.application.port.StockRepository;
import dev.commerce.inventory.domain.Reservation;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the inventory use cases to their adapters with explicit bean methods (the application
 * core is never component-scanned), choosing the concurrency strategy from
 * {@code commerce.inventory.strategy}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InventoryProperties.class)
public class InventoryConfiguration {

    @Bean
    JdbcInventoryTransactions inventoryTransactions(PlatformTransactionManager transactionManager, JdbcClient jdbc,
            InventoryProperties properties) {
        return new JdbcInventoryTransactions(transactionManager, jdbc, properties.lockTimeout());
    }

    @Bean
    StockRepository stockRepository(JdbcClient jdbc, InventoryProperties properties) {
        return properties.strategy() == InventoryStrategy.OPTIMISTIC
                ? new VersionCheckedStockRepository(jdbc)
                : new JdbcStockRepository(jdbc);
    }

    @Bean
    StockConcurrency stockConcurrency(JdbcInventoryTransactions inventoryTransactions, PlatformTransactionManager transactionManager,
            JdbcClient jdbc, StockRepository stockRepository, InventoryProperties properties, MeterRegistry registry) {
        LoggerFactory.getLogger(InventoryConfiguration.class).info("Inventory strategy: {}", properties.strategy());
        return properties.strategy() == InventoryStrategy.OPTIMISTIC
                ? new OptimisticStockConcurrency(transactionManager, (VersionCheckedStockRepository) stockRepository,
                        properties.optimisticMaxAttempts())
                : new RowLockStockConcurrency(inventoryTransactions, jdbc, registry, properties.lockTimeout());
    }

    @Bean
    ReservationRepository reservationRepository(JdbcClient jdbc) {
        return new JdbcReservationRepository(jdbc);
    }

    @Bean
    StockKeeper stockKeeper(StockRepository stocks, StockConcurrency stockConcurrency) {
        return new StockKeeper(stocks, stockConcurrency);
    }

    @Bean
    PriceRepository priceRepository(JdbcClient jdbc) {
        return new JdbcPriceRepository(jdbc);
    }

    /** Prices change in a transaction of their own (with {@code lock_timeout}), never under the stock row lock. */
    @Bean
    PriceKeeper priceKeeper(StockRepository stocks, PriceRepository prices, JdbcInventoryTransactions inventoryTransactions) {
        return new PriceKeeper(stocks, prices, inventoryTransactions);
    }

    @Bean
    ReserveStockUseCase stockReserver(StockRepository stocks, ReservationRepository reservations,
            StockConcurrency stockConcurrency, JdbcInventoryTransactions inventoryTransactions, Clock clock,
            InventoryProperties properties, MeterRegistry registry) {
        ReservationSettings settings = new ReservationSettings(properties.reservationLifetime());
        if (properties.strategy() == InventoryStrategy.CONDITIONAL) {
            return new ConditionalStockReserver(stocks, reservations, inventoryTransactions, clock, settings);
        }
        // Combining reservations that queue for the same rows is done under the row lock only: the
        // optimistic strategy is measured as it is, retries and all.
        if (properties.strategy() != InventoryStrategy.PESSIMISTIC || properties.combineLimit() == 1) {
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

    @Bean
    ReservationReader reservationReader(ReservationRepository reservations) {
        return new ReservationReader(reservations);
    }

    @Bean
    ReservationCloser reservationCloser(ReservationRepository reservations, StockRepository stocks,
            StockConcurrency stockConcurrency, Clock clock) {
        return new ReservationCloser(reservations, stocks, stockConcurrency, clock);
    }

    @Bean
    ReservationExpirer reservationExpirer(ReservationRepository reservations, StockRepository stocks,
            StockConcurrency stockConcurrency) {
        return new ReservationExpirer(reservations, stocks, stockConcurrency);
    }

    @Bean
    ReservationExpiryJob reservationExpiryJob(ReservationExpirer expirer, Clock clock, InventoryProperties properties,
            MeterRegistry registry) {
        return new ReservationExpiryJob(expirer, clock, properties.expiryBatchSize(), registry);
    }

    /** The reservations the sweep should have released by now ({@code inventory.reservations.overdue}), for alerts. */
    @Bean
    OverdueReservationsGauge overdueReservationsGauge(JdbcClient jdbc, Clock clock, InventoryProperties properties,
            MeterRegistry registry) {
        return new OverdueReservationsGauge(OverdueReservationsGauge.inDatabase(jdbc), clock,
                properties.expirySweepInterval(), registry);
    }
}
