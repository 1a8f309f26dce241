package dev.commerce.payment.adapter;

import dev.commerce.payment.application.PaymentCharger;
import dev.commerce.payment.application.PaymentReader;
import dev.commerce.payment.application.PaymentReconciler;
import dev.commerce.payment.application.PaymentRefunder;
import dev.commerce.payment.application.PaymentSettings;
import dev.commerce.payment.application.port.IdempotencyStore;
import dev.commerce.payment.application.port.PaymentEvents;
import dev.commerce.payment.application.port.PaymentGateway;
import dev.commerce.payment.application.port.PaymentRepository;
import dev.commerce.payment.application.port.PaymentResponseFormat;
import dev.commerce.payment.application.port.PaymentTransactions;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the payment use cases to the out-ports with explicit bean methods: the application core is
 * never component-scanned. Each adapter's own configuration, in its package, provides the ports.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentProperties.class)
class PaymentUseCaseConfiguration {

    @Bean
    PaymentCharger paymentCharger(IdempotencyStore keys, PaymentRepository payments, PaymentGateway gateway,
            PaymentTransactions transactions, PaymentResponseFormat format, PaymentEvents events, Clock clock,
            PaymentProperties properties) {
        return new PaymentCharger(keys, payments, gateway, transactions, format, events, clock,
                new PaymentSettings(properties.idempotencyLease()));
    }

    @Bean
    PaymentReconciler paymentReconciler(IdempotencyStore keys, PaymentRepository payments, PaymentGateway gateway,
            PaymentTransactions transactions, PaymentResponseFormat format, PaymentEvents events, Clock clock,
            PaymentProperties properties) {
        return new PaymentReconciler(keys, payments, gateway, transactions, format, events, clock,
                new PaymentSettings(properties.idempotencyLease()));
    }

    @Bean
    PaymentRefunder paymentRefunder(PaymentRepository payments, PaymentGateway gateway, Clock clock) {
        return new PaymentRefunder(payments, gateway, clock);
    }

    @Bean
    PaymentReader paymentReader(PaymentRepository payments) {
        return new PaymentReader(payments);
    }
}
