package dev.commerce.order.adapter.out.payment;

import dev.commerce.order.application.port.OrderPayments;
import dev.commerce.payment.ChargePaymentUseCase;
import dev.commerce.payment.RefundPaymentUseCase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Charges and refunds, through the payment module's API. */
@Configuration(proxyBeanMethods = false)
class OrderPaymentConfiguration {

    @Bean
    OrderPayments orderPayments(ChargePaymentUseCase charges, RefundPaymentUseCase refunds, JsonMapper json) {
        return new PaymentModuleOrderPayments(charges, refunds, json);
    }
}
