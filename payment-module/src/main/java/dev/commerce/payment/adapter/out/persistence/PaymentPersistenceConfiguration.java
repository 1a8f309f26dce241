package dev.commerce.payment.adapter.out.persistence;

import dev.commerce.payment.adapter.PaymentProperties;
import dev.commerce.payment.application.port.IdempotencyStore;
import dev.commerce.payment.application.port.PaymentRepository;
import dev.commerce.payment.application.port.PaymentTransactions;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The payment tables (idempotency keys, payments) and their transactions. The key store is read
 * through an in-memory cache of completed keys unless {@code commerce.payment.replay-cache-size} is 0.
 */
@Configuration(proxyBeanMethods = false)
class PaymentPersistenceConfiguration {

    @Bean
    IdempotencyStore idempotencyStore(JdbcClient jdbc, Clock clock, PaymentProperties properties) {
        JdbcIdempotencyStore store = new JdbcIdempotencyStore(jdbc);
        if (properties.replayCacheSize() == 0) {
            return store;
        }
        return new CompletedKeyCache(store, clock, properties.keyRetention(), properties.replayCacheSize());
    }

    @Bean
    PaymentRepository paymentRepository(JdbcClient jdbc) {
        return new JdbcPaymentRepository(jdbc);
    }

    @Bean
    PaymentTransactions paymentTransactions(PlatformTransactionManager transactionManager) {
        return new JdbcPaymentTransactions(transactionManager);
    }
}
