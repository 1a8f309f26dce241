package dev.commerce.inventory.adapter;

import dev.commerce.inventory.adapter.in.scheduling.ReservationExpiryJob;
import dev.commerce.inventory.adapter.out.persistence.JdbcReservationRepository;
import dev.commerce.inventory.adapter.out.persistence.JdbcStockRepository;
import dev.commerce.inventory.adapter.out.persistence.PostgresRowLockAdapter;
import dev.commerce.inventory.application.ReservationExpirer;
import dev.commerce.inventory.application.ReservationReader;
import dev.commerce.inventory.application.ReservationSettings;
import dev.commerce.inventory.application.ReservationSettler;
import dev.commerce.inventory.application.StockKeeper;
import dev.commerce.inventory.application.StockReserver;
import dev.commerce.inventory.application.port.LockPort;
import dev.commerce.inventory.application.port.ReservationRepository;
import dev.commerce.inventory.application.port.StockRepository;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the inventory use cases to their adapters with explicit bean methods: the application
 * core is never component-scanned.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InventoryProperties.class)
public class InventoryConfiguration {

    @Bean
    LockPort inventoryLockPort(PlatformTransactionManager transactionManager, JdbcClient jdbc,
            InventoryProperties properties) {
        return new PostgresRowLockAdapter(transactionManager, jdbc, properties.lockTimeout());
    }

    @Bean
    StockRepository stockRepository(JdbcClient jdbc) {
        return new JdbcStockRepository(jdbc);
    }

    @Bean
    ReservationRepository reservationRepository(JdbcClient jdbc) {
        return new JdbcReservationRepository(jdbc);
    }

    @Bean
    StockKeeper stockKeeper(StockRepository stocks, LockPort inventoryLockPort) {
        return new StockKeeper(stocks, inventoryLockPort);
    }

    @Bean
    StockReserver stockReserver(StockRepository stocks, ReservationRepository reservations, LockPort inventoryLockPort,
            Clock clock, InventoryProperties properties) {
        return new StockReserver(stocks, reservations, inventoryLockPort, clock,
                new ReservationSettings(properties.reservationLifetime()));
    }

    @Bean
    ReservationReader reservationReader(ReservationRepository reservations) {
        return new ReservationReader(reservations);
    }

    @Bean
    ReservationSettler reservationSettler(ReservationRepository reservations, StockRepository stocks,
            LockPort inventoryLockPort, Clock clock) {
        return new ReservationSettler(reservations, stocks, inventoryLockPort, clock);
    }

    @Bean
    ReservationExpirer reservationExpirer(ReservationRepository reservations, StockRepository stocks,
            LockPort inventoryLockPort) {
        return new ReservationExpirer(reservations, stocks, inventoryLockPort);
    }

    @Bean
    ReservationExpiryJob reservationExpiryJob(ReservationExpirer expirer, Clock clock, InventoryProperties properties) {
        return new ReservationExpiryJob(expirer, clock, properties.expiryBatchSize());
    }
}
