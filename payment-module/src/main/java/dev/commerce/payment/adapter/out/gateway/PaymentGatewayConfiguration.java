package dev.commerce.payment.adapter.out.gateway;

import dev.commerce.payment.adapter.PaymentProperties;
import dev.commerce.payment.adapter.out.gateway.simulator.GatewaySimulator;
import dev.commerce.payment.application.port.PaymentGateway;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payment gateway: the HTTP adapter, metered, talking to {@code commerce.payment.gateway.url}
 * or, when that is unset, to the in-process simulator (its own configuration starts it), so the
 * real HTTP path is always used.
 */
@Configuration(proxyBeanMethods = false)
class PaymentGatewayConfiguration {

    @Bean
    PaymentGateway paymentGateway(PaymentProperties properties, ObjectProvider<GatewaySimulator> simulator,
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
                    + " runs with the '" + GatewaySimulator.PRODUCTION_PROFILE
                    + "' profile: set it to the payment gateway's base URL");
        }
        return available;
    }
}
