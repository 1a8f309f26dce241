package dev.commerce.payment.adapter;

import dev.commerce.payment.ReconcilePaymentsUseCase;
import dev.commerce.payment.adapter.in.scheduling.PaymentUpkeepJob;
import dev.commerce.payment.adapter.in.web.JsonPaymentResponseFormat;
import dev.commerce.payment.adapter.out.events.SpringPaymentEvents;
import dev.commerce.payment.adapter.out.gateway.HttpPaymentGateway;
import dev.commerce.payment.adapter.out.gateway.MeteredPaymentGateway;
import io.micrometer.core.instrument.MeterRegistry;
import dev.commerce.payment.adapter.out.gateway.simulator.GatewaySimulator;
import dev.commerce.payment.adapter.out.persistence.CompletedKeyCache;
import dev.commerce.payment.adapter.out.persistence.JdbcIdempotencyStore;
import dev.commerce.payment.adapter.out.persistence.JdbcPaymentRepository;
import dev.commerce.payment.adapter.out.persistence.JdbcTransactions;
import dev.commerce.payment.application.PaymentCharger;
import dev.commerce.payment.application.PaymentReader;
import dev.commerce.payment.application.PaymentReconciler;
import dev.commerce.payment.application.PaymentRefunder;
import dev.commerce.payment.application.PaymentSettings;
import dev.commerce.payment.application.port.IdempotencyPort;
import dev.commerce.payment.application.port.PaymentEvents;
import dev.commerce.payment.application.port.PaymentGatewayPort;
import dev.commerce.payment.application.port.PaymentRepository;
import dev.commerce.payment.application.port.PaymentResponseFormat;
import dev.commerce.payment.application.port.TransactionPort;
import java.net.URI;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the payment use cases to their adapters with explicit bean methods: the application core
 * is never component-scanned. When {@code commerce.payment.gateway.url} is unset the gateway
 * simulator is started and the HTTP adapter talks to it, so the real HTTP path is always used;
 * never with the production profile ({@code prod}), where the URL is required.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentProperties.class)
public class PaymentConfiguration {

    /** The Spring profile of the production configuration, under which the simulator never exists. */
    static final String PRODUCTION_PROFILE = "prod";

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${commerce.payment.gateway.url:}'.isBlank()")
    // a production service without a gateway URL must fail, never charge against a simulator
    // (app-bootstrap's production check refuses such a start earlier, naming the property)
    @Profile("!" + PRODUCTION_PROFILE)
    GatewaySimulator gatewaySimulator(JdbcClient jdbc, PaymentProperties properties) {
        // hold a timed-out answer well past the client's read timeout
        long hangMillis = properties.gateway().readTimeout().toMillis() * 2 + 1000;
        return new GatewaySimulator(jdbc, hangMillis);
    }

    @Bean
    PaymentGatewayPort paymentGateway(PaymentProperties properties, ObjectProvider<GatewaySimulator> simulator,
            MeterRegistry registry) {
        PaymentProperties.Gateway gateway = properties.gateway();
        URI url = gateway.simulated() ? simulatorOrRefuse(simulator).baseUrl() : gateway.url();
        return new MeteredPaymentGateway(new HttpPaymentGateway(url, gateway.connectTimeout(), gateway.readTimeout()),
                registry);
    }

    private static GatewaySimulator simulatorOrRefuse(ObjectProvider<GatewaySimulator> simulator) {
        GatewaySimulator available = simulator.getIfAvailable();
        if (available == null) {
            throw new IllegalStateException("commerce.payment.gateway.url is not set, and the gateway simulator never"
                    + " runs with the '" + PRODUCTION_PROFILE + "' profile: set it to the payment gateway's base URL");
        }
        return available;
    }

    @Bean
    IdempotencyPort idempotencyPort(JdbcClient jdbc, Clock clock, PaymentProperties properties) {
        JdbcIdempotencyStore store = new JdbcIdempotencyStore(jdbc);
        return properties.replayCacheSize() == 0 ? store
                : new CompletedKeyCache(store, clock, properties.keyRetention(), properties.replayCacheSize());
    }

    @Bean
    PaymentRepository paymentRepository(JdbcClient jdbc) {
        return new JdbcPaymentRepository(jdbc);
    }

    @Bean
    TransactionPort paymentTransactions(PlatformTransactionManager transactionManager) {
        return new JdbcTransactions(transactionManager);
    }

    @Bean
    PaymentEvents paymentEvents(ApplicationEventPublisher publisher) {
        return new SpringPaymentEvents(publisher);
    }

    @Bean
    PaymentResponseFormat paymentResponseFormat(JsonMapper json) {
        return new JsonPaymentResponseFormat(json);
    }

    @Bean
    PaymentCharger paymentCharger(IdempotencyPort keys, PaymentRepository payments, PaymentGatewayPort gateway,
            TransactionPort paymentTransactions, PaymentResponseFormat format, PaymentEvents paymentEvents, Clock clock,
            PaymentProperties properties) {
        return new PaymentCharger(keys, payments, gateway, paymentTransactions, format, paymentEvents, clock,
                new PaymentSettings(properties.idempotencyLease()));
    }

    @Bean
    PaymentReconciler paymentReconciler(IdempotencyPort keys, PaymentRepository payments, PaymentGatewayPort gateway,
            TransactionPort paymentTransactions, PaymentResponseFormat format, PaymentEvents paymentEvents, Clock clock,
            PaymentProperties properties) {
        return new PaymentReconciler(keys, payments, gateway, paymentTransactions, format, paymentEvents, clock,
                new PaymentSettings(properties.idempotencyLease()));
    }

    @Bean
    PaymentRefunder paymentRefunder(PaymentRepository payments, PaymentGatewayPort gateway, Clock clock) {
        return new PaymentRefunder(payments, gateway, clock);
    }

    @Bean
    PaymentReader paymentReader(PaymentRepository payments) {
        return new PaymentReader(payments);
    }

    @Bean
    PaymentUpkeepJob paymentUpkeepJob(ReconcilePaymentsUseCase reconciler, Clock clock, PaymentProperties properties) {
        return new PaymentUpkeepJob(reconciler, clock, properties.reconcileAfter(), properties.reconcileBatchSize(),
                properties.keyRetention());
    }
}
