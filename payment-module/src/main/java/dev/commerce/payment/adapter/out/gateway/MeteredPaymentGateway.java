package dev.commerce.payment.adapter.out.gateway;

import dev.commerce.payment.application.port.GatewayCharge;
import dev.commerce.payment.application.port.GatewayChargeRequest;
import dev.commerce.payment.application.port.GatewayException;
import dev.commerce.payment.application.port.GatewayRefund;
import dev.commerce.payment.application.port.GatewayRefundRequest;
import dev.commerce.payment.application.port.GatewayRefusedException;
import dev.commerce.payment.application.port.PaymentGateway;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Times every gateway call as {@code payment.gateway.requests{operation, outcome}}: outcome is
 * {@code ok}, {@code not_found} (a look-up with no charge), or the gateway failure's kind
 * ({@code not_charged}, {@code unknown_failed}, {@code unknown_timed_out}, ...), or {@code refused}
 * (a refund the gateway refused). Operations: {@code charge}, {@code lookup}, {@code refund},
 * {@code refund_lookup}.
 */
class MeteredPaymentGateway implements PaymentGateway {

    private final PaymentGateway gateway;
    private final MeterRegistry registry;

    MeteredPaymentGateway(PaymentGateway gateway, MeterRegistry registry) {
        this.gateway = gateway;
        this.registry = registry;
    }

    @Override
    public GatewayCharge charge(GatewayChargeRequest request) {
        return timed("charge", () -> gateway.charge(request), result -> "ok");
    }

    @Override
    public Optional<GatewayCharge> findByKey(String idempotencyKey) {
        return timed("lookup", () -> gateway.findByKey(idempotencyKey), found -> found.isPresent() ? "ok" : "not_found");
    }

    @Override
    public GatewayRefund refund(GatewayRefundRequest request) {
        return timed("refund", () -> gateway.refund(request), result -> "ok");
    }

    @Override
    public Optional<GatewayRefund> findRefundByKey(String refundKey) {
        return timed("refund_lookup", () -> gateway.findRefundByKey(refundKey),
                found -> found.isPresent() ? "ok" : "not_found");
    }

    private <T> T timed(String operation, Supplier<T> call, java.util.function.Function<T, String> outcomeOf) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = call.get();
            outcome = outcomeOf.apply(result);
            return result;
        } catch (GatewayException e) {
            outcome = e.outcome().name().toLowerCase(Locale.ROOT);
            throw e;
        } catch (GatewayRefusedException e) {
            outcome = "refused";
            throw e;
        } finally {
            Timer.builder("payment.gateway.requests").tag("operation", operation).tag("outcome", outcome)
                    .description("calls to the payment gateway").register(registry)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
