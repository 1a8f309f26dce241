package dev.commerce.payment.adapter.in.scheduling;

import dev.commerce.payment.ReconcilePaymentsUseCase;
import dev.commerce.payment.adapter.PaymentProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The payment's upkeep: the reconciler and the key sweep, through their use case. */
@Configuration(proxyBeanMethods = false)
class PaymentSchedulingConfiguration {

    @Bean
    PaymentUpkeepJob paymentUpkeepJob(ReconcilePaymentsUseCase reconciler, Clock clock, PaymentProperties properties) {
        return new PaymentUpkeepJob(reconciler, clock, properties.reconcileAfter(), properties.reconcileBatchSize(),
                properties.keyRetention());
    }
}
