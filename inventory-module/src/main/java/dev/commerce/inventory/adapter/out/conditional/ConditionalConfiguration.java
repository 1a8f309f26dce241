package dev.commerce.inventory.adapter.out.conditional;

import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.inventory.adapter.ConditionalOnInventoryStrategy;
import dev.commerce.inventory.adapter.InventoryProperties;
import dev.commerce.inventory.adapter.InventoryStrategy;
import dev.commerce.inventory.application.ConditionalStockReserver;
import dev.commerce.inventory.application.ReservationSettings;
import dev.commerce.inventory.application.port.AvailableStock;
import dev.commerce.inventory.application.port.InventoryTransactions;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.application.port.StockRepository;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The conditional strategy's reservations ({@code commerce.inventory.strategy=conditional}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnInventoryStrategy(InventoryStrategy.CONDITIONAL)
class ConditionalConfiguration {

    @Bean
    AvailableStock availableStock(JdbcClient jdbc) {
        return new JdbcAvailableStock(jdbc);
    }

    @Bean
    ReserveStockUseCase conditionalStockReserver(StockRepository stocks, AvailableStock availableStock,
            ReservationRepository reservations, InventoryTransactions transactions, Clock clock,
            InventoryProperties properties) {
        return new ConditionalStockReserver(stocks, availableStock, reservations, transactions, clock,
                new ReservationSettings(properties.reservationLifetime()));
    }
}
