package dev.commerce.inventory.adapter.out.persistence;

import dev.commerce.inventory.adapter.ConditionalOnInventoryStrategy;
import dev.commerce.inventory.adapter.InventoryProperties;
import dev.commerce.inventory.adapter.InventoryStrategy;
import dev.commerce.inventory.application.port.InventoryTransactions;
import dev.commerce.inventory.application.port.PriceRepository;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.application.port.StockRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The PostgreSQL stores and transactions every strategy uses. */
@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

    @Bean
    InventoryTransactions inventoryTransactions(PlatformTransactionManager transactionManager, JdbcClient jdbc,
            InventoryProperties properties) {
        return new JdbcInventoryTransactions(transactionManager, jdbc, properties.lockTimeout());
    }

    @Bean
    ReservationRepository reservationRepository(JdbcClient jdbc) {
        return new JdbcReservationRepository(jdbc);
    }

    @Bean
    PriceRepository priceRepository(JdbcClient jdbc) {
        return new JdbcPriceRepository(jdbc);
    }

    /** The plain stock store; the optimistic strategy brings its own, which checks versions. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnInventoryStrategy({InventoryStrategy.PESSIMISTIC, InventoryStrategy.CONDITIONAL})
    static class PlainStock {

        @Bean
        StockRepository stockRepository(JdbcClient jdbc) {
            return new JdbcStockRepository(jdbc);
        }
    }
}
