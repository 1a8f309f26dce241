package dev.commerce.order.adapter.out.payment;

import dev.commerce.order.OrderErrorCode;
import dev.commerce.order.OrderException;
import dev.commerce.order.application.port.OrderPayments;
import dev.commerce.payment.ChargePaymentCommand;
import dev.commerce.payment.ChargePaymentUseCase;
import dev.commerce.payment.PaymentException;
import dev.commerce.payment.RecordedResponse;
import dev.commerce.payment.RefundPaymentCommand;
import dev.commerce.payment.RefundPaymentUseCase;
import dev.commerce.shared.Caller;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Charges through {@link ChargePaymentUseCase}, on behalf of the order's buyer, with the order's
 * charge key as idempotency key: the payment module claims it, forwards it to the gateway and
 * settles an unknown outcome by asking the gateway, so an attempt is charged at most once. Refunds
 * through {@link RefundPaymentUseCase}, once per payment.
 */
class PaymentModuleOrderPayments implements OrderPayments {

    private final ChargePaymentUseCase charges;
    private final RefundPaymentUseCase refunds;
    private final JsonMapper json;

    PaymentModuleOrderPayments(ChargePaymentUseCase charges, RefundPaymentUseCase refunds, JsonMapper json) {
        this.charges = charges;
        this.refunds = refunds;
        this.json = json;
    }

    @Override
    public void refund(String paymentId) {
        try {
            refunds.refund(new RefundPaymentCommand(paymentId));
        } catch (PaymentException e) {
            OrderErrorCode code = switch (e.code()) {
                case GATEWAY_UNAVAILABLE -> OrderErrorCode.GATEWAY_UNAVAILABLE;
                case GATEWAY_TIMEOUT -> OrderErrorCode.GATEWAY_TIMEOUT;
                default -> null;
            };
            if (code == null) {
                throw new IllegalStateException("the payment module refused to refund payment " + paymentId, e);
            }
            throw new OrderException(code, e.getMessage(), e.retryAfter().orElse(null), e);
        }
    }

    @Override
    public Outcome charge(long userId, String chargeKey, String orderId, long amount, String currency) {
        RecordedResponse response;
        try {
            response = charges.charge(Caller.buyer(userId), new ChargePaymentCommand(chargeKey, orderId, amount, currency));
        } catch (PaymentException e) {
            OrderErrorCode code = switch (e.code()) {
                case IDEMPOTENCY_REQUEST_IN_PROGRESS -> OrderErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS;
                case GATEWAY_UNAVAILABLE -> OrderErrorCode.GATEWAY_UNAVAILABLE;
                case GATEWAY_TIMEOUT -> OrderErrorCode.GATEWAY_TIMEOUT;
                default -> null;
            };
            if (code == null) {
                throw new IllegalStateException("the payment module refused the charge of order " + orderId, e);
            }
            throw new OrderException(code, e.getMessage(), e.retryAfter().orElse(null), e);
        }
        JsonNode body = json.readTree(response.body());
        if (response.status() == 201) {
            return new Outcome(true, body.get("id").stringValue());
        }
        if (response.status() == 402) {
            return new Outcome(false, body.path("paymentId").asString(null));
        }
        throw new IllegalStateException("unexpected payment response " + response.status() + " for order " + orderId);
    }
}
