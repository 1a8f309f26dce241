package dev.commerce.payment.adapter.out.gateway;

import dev.commerce.payment.application.port.GatewayCharge;
import dev.commerce.payment.application.port.GatewayChargeRequest;
import dev.commerce.payment.application.port.GatewayException;
import dev.commerce.payment.application.port.GatewayException.Outcome;
import dev.commerce.payment.application.port.GatewayRefund;
import dev.commerce.payment.application.port.GatewayRefundRequest;
import dev.commerce.payment.application.port.GatewayRefusedException;
import dev.commerce.payment.application.port.PaymentGateway;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link PaymentGateway} over HTTP (JDK client): {@code POST /v1/charges} with the key in
 * {@code Idempotency-Key}, {@code GET /v1/charges/by-key} with the key in the same header; refunds
 * alike: {@code POST /v1/refunds} (a 4xx is a refusal: nothing refunded), {@code GET /v1/refunds/by-key}.
 *
 * <p>Failures are sorted by what they say about the money: a connection that was never
 * established (refused, connect timeout) surely charged nothing; anything after the request was
 * sent (read timeout, 5xx, a broken connection, an unreadable answer) may have charged, and is
 * reported as an unknown outcome.
 */
public class HttpPaymentGateway implements PaymentGateway {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final HttpClient http;
    private final URI baseUrl;
    private final Duration readTimeout;
    private final JsonMapper json = JsonMapper.builder().build();

    public HttpPaymentGateway(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        // a base URL may carry a path (https://psp.example/api/): endpoints are appended to it
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.readTimeout = readTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
    }

    @Override
    public GatewayCharge charge(GatewayChargeRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", request.orderId());
        body.put("amount", request.amount());
        body.put("currency", request.currency());
        HttpResponse<String> response = send(HttpRequest.newBuilder(baseUrl.resolve("v1/charges"))
                .timeout(readTimeout)
                .header(IDEMPOTENCY_KEY, request.idempotencyKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        if (response.statusCode() == 200 || response.statusCode() == 201) {
            return parse(response.body());
        }
        if (response.statusCode() >= 400 && response.statusCode() < 500) {
            // the gateway rejected the request as such: it charged nothing
            throw new GatewayException(Outcome.NOT_CHARGED, "gateway rejected the charge: HTTP " + response.statusCode());
        }
        throw new GatewayException(Outcome.UNKNOWN_FAILED, "gateway failed: HTTP " + response.statusCode());
    }

    @Override
    public Optional<GatewayCharge> findByKey(String idempotencyKey) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(baseUrl.resolve("v1/charges/by-key"))
                .timeout(readTimeout)
                .header(IDEMPOTENCY_KEY, idempotencyKey)
                .GET());
        return switch (response.statusCode()) {
            case 200 -> Optional.of(parse(response.body()));
            case 404 -> Optional.empty();
            default -> throw new GatewayException(Outcome.UNKNOWN_FAILED,
                    "gateway look-up failed: HTTP " + response.statusCode());
        };
    }

    @Override
    public GatewayRefund refund(GatewayRefundRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("transactionId", request.transactionId());
        body.put("amount", request.amount());
        body.put("currency", request.currency());
        HttpResponse<String> response = send(HttpRequest.newBuilder(baseUrl.resolve("v1/refunds"))
                .timeout(readTimeout)
                .header(IDEMPOTENCY_KEY, request.idempotencyKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        if (response.statusCode() == 200 || response.statusCode() == 201) {
            return parseRefund(response.body());
        }
        if (response.statusCode() >= 400 && response.statusCode() < 500) {
            // the gateway refused the refund as such: nothing was refunded
            throw new GatewayRefusedException("gateway refused the refund: HTTP " + response.statusCode() + " "
                    + response.body());
        }
        throw new GatewayException(Outcome.UNKNOWN_FAILED, "gateway failed: HTTP " + response.statusCode());
    }

    @Override
    public Optional<GatewayRefund> findRefundByKey(String refundKey) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(baseUrl.resolve("v1/refunds/by-key"))
                .timeout(readTimeout)
                .header(IDEMPOTENCY_KEY, refundKey)
                .GET());
        return switch (response.statusCode()) {
            case 200 -> Optional.of(parseRefund(response.body()));
            case 404 -> Optional.empty();
            default -> throw new GatewayException(Outcome.UNKNOWN_FAILED,
                    "gateway refund look-up failed: HTTP " + response.statusCode());
        };
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new GatewayException(Outcome.NOT_CHARGED, "gateway unreachable: " + e, e);
        } catch (HttpTimeoutException e) {
            throw new GatewayException(Outcome.UNKNOWN_TIMED_OUT, "gateway did not answer within " + readTimeout, e);
        } catch (IOException e) {
            throw new GatewayException(Outcome.UNKNOWN_FAILED, "gateway connection failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException(Outcome.UNKNOWN_FAILED, "interrupted while waiting for the gateway", e);
        }
    }

    private GatewayCharge parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            return new GatewayCharge(required(node, "transactionId").asString(), required(node, "orderId").asString(),
                    required(node, "amount").asLong(), required(node, "currency").asString(),
                    "APPROVED".equals(required(node, "status").asString()));
        } catch (JacksonException | IllegalArgumentException e) {
            throw new GatewayException(Outcome.UNKNOWN_FAILED, "unreadable gateway answer", e);
        }
    }

    private GatewayRefund parseRefund(String body) {
        try {
            JsonNode node = json.readTree(body);
            return new GatewayRefund(required(node, "refundId").asString(), required(node, "transactionId").asString(),
                    required(node, "amount").asLong(), required(node, "currency").asString());
        } catch (JacksonException | IllegalArgumentException e) {
            throw new GatewayException(Outcome.UNKNOWN_FAILED, "unreadable gateway answer", e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            throw new IllegalArgumentException("gateway answer lacks " + field);
        }
        return value;
    }
}
