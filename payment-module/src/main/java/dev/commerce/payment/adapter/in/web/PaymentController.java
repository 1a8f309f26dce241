package dev.commerce.payment.adapter.in.web;

import dev.commerce.payment.ChargePaymentCommand;
import dev.commerce.payment.ChargePaymentUseCase;
import dev.commerce.payment.GetPaymentQuery;
import dev.commerce.payment.PaymentException;
import dev.commerce.payment.PaymentView;
import dev.commerce.payment.RecordedResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payments over HTTP. A charge answers with the recorded response as it is, byte for byte, so a
 * replay is indistinguishable from the first answer but for {@code Idempotent-Replayed: true}.
 */
@RestController
@RequestMapping("/api/v1/payments")
public class PaymentController {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private final ChargePaymentUseCase chargePayment;
    private final GetPaymentQuery getPayment;

    public PaymentController(ChargePaymentUseCase chargePayment, GetPaymentQuery getPayment) {
        this.chargePayment = chargePayment;
        this.getPayment = getPayment;
    }

    /**
     * Order of checks: the JSON is well formed and typed (Spring, 400 {@code INVALID_REQUEST}),
     * then the key is present and valid (400 {@code IDEMPOTENCY_KEY_MISSING} / {@code _INVALID}),
     * then the fields (400 {@code INVALID_REQUEST}). Nothing is stored for a 400.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> charge(@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @RequestBody ChargeRequest request) {
        ChargePaymentCommand.requireValidKey(key);
        RecordedResponse response = chargePayment.charge(new ChargePaymentCommand(key, request.orderId(),
                required(request.amount(), "amount"), request.currency()));
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(response.status())
                .contentType(response.isSuccess() ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_PROBLEM_JSON);
        if (response.replayed()) {
            answer.header(IDEMPOTENT_REPLAYED, "true");
        }
        return answer.body(response.body());
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    PaymentView get(@PathVariable String id) {
        return getPayment.getPayment(id);
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw PaymentException.invalidRequest(field + " is required");
        }
        return value;
    }

    /** Boxed so that a missing amount is reported as such rather than read as zero. */
    record ChargeRequest(String orderId, Long amount, String currency) {
    }
}
