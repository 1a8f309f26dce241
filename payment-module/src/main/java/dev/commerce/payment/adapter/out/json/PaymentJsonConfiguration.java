package dev.commerce.payment.adapter.out.json;

import dev.commerce.payment.application.port.PaymentResponseFormat;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The recorded response bodies, written with the application's JSON mapper. */
@Configuration(proxyBeanMethods = false)
class PaymentJsonConfiguration {

    @Bean
    PaymentResponseFormat paymentResponseFormat(JsonMapper json) {
        return new JsonPaymentResponseFormat(json);
    }
}
