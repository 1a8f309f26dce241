package dev.commerce.inventory.adapter;

import dev.commerce.inventory.application.PriceKeeper;
import dev.commerce.inventory.application.ReservationCloser;
import dev.commerce.inventory.application.ReservationExpirer;
import dev.commerce.inventory.application.ReservationReader;
import dev.commerce.inventory.application.StockKeeper;
import dev.commerce.inventory.application.port.InventoryTransactions;
import dev.commerce.inventory.application.port.PriceRepository;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.application.port.StockConcurrency;
import dev.commerce.inventory.application.port.StockRepository;
import java.time.Clock;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the inventory use cases that every strategy shares to their out-ports with explicit bean
 * methods (the application core is never component-scanned). The ports' adapters come from the
 * configuration beside each of them: the strategy's ({@link StockConcurrency}, the stock store and
 * the reservation use case) from {@code adapter.out.rowlock}, {@code adapter.out.optimistic} or
 * {@code adapter.out.conditional}, selected by {@code commerce.inventory.strategy}
 * ({@link ConditionalOnInventoryStrategy}); the others from {@code adapter.out.persistence}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InventoryProperties.class)
class InventoryConfiguration {

    InventoryConfiguration(InventoryProperties properties) {
        LoggerFactory.getLogger(InventoryConfiguration.class).info("Inventory strategy: {}", properties.strategy());
    }

    @Bean
    StockKeeper stockKeeper(StockRepository stocks, StockConcurrency stockConcurrency) {
        return new StockKeeper(stocks, stockConcurrency);
    }

    /** Prices change in a transaction of their own (with {@code lock_timeout}), never under the stock row lock. */
    @Bean
    PriceKeeper priceKeeper(StockRepository stocks, PriceRepository prices, InventoryTransactions transactions) {
        return new PriceKeeper(stocks, prices, transactions);
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
}
