package dev.commerce.payment.adapter.out.json;

import dev.commerce.payment.PaymentErrorCode;
import dev.commerce.payment.PaymentView;
import dev.commerce.payment.application.port.PaymentResponseFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON bodies recorded under a key: the payment view for an approval, and for a decline a
 * problem detail of the same shape as every other error ({@code type}, {@code title}, {@code
 * status}, {@code detail}, {@code code}) plus the recorded payment's id.
 */
class JsonPaymentResponseFormat implements PaymentResponseFormat {

    private final JsonMapper json;

    JsonPaymentResponseFormat(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String approved(PaymentView payment) {
        return json.writeValueAsString(payment);
    }

    @Override
    public String declined(PaymentView payment) {
        PaymentErrorCode code = PaymentErrorCode.PAYMENT_DECLINED;
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:problem-type:commerce:" + code.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        problem.put("title", "Payment declined");
        problem.put("status", 402);
        problem.put("detail", "The payment gateway declined the payment.");
        problem.put("code", code.name());
        problem.put("paymentId", payment.id());
        return json.writeValueAsString(problem);
    }
}
