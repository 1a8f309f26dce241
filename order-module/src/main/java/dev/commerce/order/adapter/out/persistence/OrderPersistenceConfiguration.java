package dev.commerce.order.adapter.out.persistence;

import dev.commerce.order.application.port.OrderRepository;
import dev.commerce.order.application.port.OrderTransactions;
import dev.commerce.order.application.port.PlacementJournal;
import dev.commerce.order.application.port.RequestKeyStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/** The order module's tables (orders, request keys, the placement journal) and its transactions. */
@Configuration(proxyBeanMethods = false)
class OrderPersistenceConfiguration {

    @Bean
    OrderRepository orderRepository(JdbcClient jdbc) {
        return new JdbcOrderRepository(jdbc);
    }

    @Bean
    RequestKeyStore orderRequestKeys(JdbcClient jdbc, JsonMapper json) {
        return new JdbcRequestKeyStore(jdbc, json);
    }

    @Bean
    PlacementJournal placementJournal(JdbcClient jdbc) {
        return new JdbcPlacementJournal(jdbc);
    }

    @Bean
    OrderTransactions orderTransactions(PlatformTransactionManager transactionManager) {
        return new JdbcOrderTransactions(transactionManager);
    }
}
