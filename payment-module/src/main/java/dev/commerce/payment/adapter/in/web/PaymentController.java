package dev.commerce.payment.adapter.in.web;

import dev.commerce.payment.ChargePaymentCommand;
import dev.commerce.payment.ChargePaymentUseCase;
import dev.commerce.payment.GetPaymentQuery;
import dev.commerce.payment.PaymentException;
import dev.commerce.payment.PaymentView;
import dev.commerce.payment.RecordedResponse;
import dev.commerce.shared.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Payments over HTTP. A charge answers with the recorded response as it is, byte for byte, so a
 * replay is indistinguishable from the first answer but for {@code Idempotent-Replayed: true}.
 * The {@link Caller} comes from the verified token (resolved by the security layer, which also
 * keeps direct charges to administrators); keys and payments are the caller's.
 */
@RestController
@RequestMapping("/api/v1/payments")
class PaymentController {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private final ChargePaymentUseCase chargePayment;
    private final GetPaymentQuery getPayment;
    private final MeterRegistry registry;

    PaymentController(ChargePaymentUseCase chargePayment, GetPaymentQuery getPayment, MeterRegistry registry) {
        this.chargePayment = chargePayment;
        this.getPayment = getPayment;
        this.registry = registry;
    }

    /**
     * Order of checks: the JSON is well formed and typed (Spring, 400 {@code INVALID_REQUEST}),
     * then the key is present and valid (400 {@code IDEMPOTENCY_KEY_MISSING} / {@code _INVALID}),
     * then the fields (400 {@code INVALID_REQUEST}). Nothing is stored for a 400.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> charge(Caller caller,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key, @RequestBody ChargeRequest request) {
        RecordedResponse response;
        try {
            ChargePaymentCommand.requireValidKey(key);
            response = chargePayment.charge(caller, new ChargePaymentCommand(key,
                    string(request.orderId(), "orderId"), integer(request.amount(), "amount"),
                    string(request.currency(), "currency")));
        } catch (PaymentException e) {
            outcome(e.code().name());
            throw e;
        }
        outcome(response.replayed() ? "replayed" : response.isSuccess() ? "charged" : "status_" + response.status());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(response.status())
                .contentType(response.isSuccess() ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_PROBLEM_JSON);
        if (response.replayed()) {
            answer.header(IDEMPOTENT_REPLAYED, "true");
        }
        return answer.body(response.body());
    }

    /**
     * {@code payment.requests{outcome}}: charged, replayed, or the error code (for example
     * idempotency_request_in_progress, idempotency_key_reused, gateway_timeout); a replayed decline
     * counts as replayed, a first one as status_402.
     */
    private void outcome(String outcome) {
        registry.counter("payment.requests", "outcome", outcome.toLowerCase(java.util.Locale.ROOT)).increment();
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    PaymentView get(Caller caller, @PathVariable String id) {
        return getPayment.getPayment(caller, id);
    }

    private static String string(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            throw PaymentException.invalidRequest(field + " is required");
        }
        if (!value.isString()) {
            throw PaymentException.invalidRequest(field + " must be a string");
        }
        return value.stringValue();
    }

    private static long integer(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            throw PaymentException.invalidRequest(field + " is required");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw PaymentException.invalidRequest(field + " must be an integer");
        }
        return value.longValue();
    }

    /**
     * Fields as JSON nodes so that their JSON types are checked strictly: the shared mapper would
     * coerce {@code "100"} to a number and {@code 123} to a string, and a payment amount sent as
     * a string is a malformed request, not a charge.
     */
    record ChargeRequest(JsonNode orderId, JsonNode amount, JsonNode currency) {
    }
}
