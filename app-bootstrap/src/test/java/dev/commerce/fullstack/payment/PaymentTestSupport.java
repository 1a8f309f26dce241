package dev.commerce.fullstack.payment;

import dev.commerce.fullstack.ApiClient;
import dev.commerce.fullstack.Tokens;
import dev.commerce.payment.domain.IdempotencyKey;
import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.payment.adapter.out.gateway.simulator.GatewaySimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Payment requests with their key, simulator faults over its HTTP API, and counts read from the database. */
final class PaymentTestSupport {

    static final String PAYMENTS = "/api/v1/payments";

    private final ApiClient api;
    private final JdbcTemplate jdbc;
    private final URI simulator;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    PaymentTestSupport(int port, JdbcTemplate jdbc, GatewaySimulator simulator) {
        this.api = new ApiClient(port);
        this.jdbc = jdbc;
        this.simulator = simulator.baseUrl();
    }

    static String newKey() {
        return "key-" + UUID.randomUUID();
    }

    static String body(String orderId, long amount) {
        return "{\"orderId\": \"" + orderId + "\", \"amount\": " + amount + ", \"currency\": \"KRW\"}";
    }

    Response charge(String key, String rawBody) {
        Map<String, String> headers = new HashMap<>();
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        return api.send("POST", PAYMENTS, "application/json", rawBody, headers);
    }

    /** The same charge request sent by another administrator, {@code userId}. */
    Response chargeAs(long userId, String key, String rawBody) {
        return api.asAdministrator(userId).send("POST", PAYMENTS, "application/json", rawBody,
                Map.of("Idempotency-Key", key));
    }

    Response get(String path) {
        return api.get(path);
    }

    /** Sets the simulator's faults through its {@code PUT /faults} endpoint. */
    void faults(String json) {
        simulatorCall(HttpRequest.newBuilder(simulator.resolve("/faults")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    void resetFaults() {
        simulatorCall(HttpRequest.newBuilder(simulator.resolve("/faults")).DELETE());
    }

    /** Charges at the simulator directly, as a request that crashed afterwards would have. */
    void chargeAtGateway(String key, String orderId, long amount) {
        simulatorCall(HttpRequest.newBuilder(simulator.resolve("/v1/charges")).header("Idempotency-Key", gatewayKey(key))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(orderId, amount))));
    }

    /** Charges the gateway made for the key (its ledger has one row per charge). */
    /**
     * The promise itself: the gateway charged this key once, was asked to charge it once (later
     * requests only looked it up), and exactly one payment row records it.
     */
    void assertChargedOnce(String key) {
        org.assertj.core.api.Assertions.assertThat(new long[] {gatewayCharges(key), gatewayChargeRequests(key), payments(key)})
                .as("gateway charges, charge requests at the gateway, payment rows for key %s", key)
                .containsExactly(1, 1, 1);
    }

    long gatewayCharges(String key) {
        return jdbc.queryForObject("select count(*) from gateway_simulator.charge where idempotency_key = ?", Long.class,
                gatewayKey(key));
    }

    /** The key the service forwards to the gateway for the tests' caller, the administrator. */
    static String gatewayKey(String key) {
        return new IdempotencyKey(Tokens.ADMINISTRATOR_ID, key).forGateway();
    }

    /** Charge requests the gateway received with the key, the deduplicated ones included. */
    long gatewayChargeRequests(String key) {
        return jdbc.queryForObject(
                "select coalesce(sum(request_count), 0) from gateway_simulator.charge where idempotency_key = ?", Long.class,
                gatewayKey(key));
    }

    long payments(String key) {
        return jdbc.queryForObject("select count(*) from payment.payment where idempotency_key = ?", Long.class, key);
    }

    String paymentStatus(String key) {
        return jdbc.queryForObject("select status from payment.payment where idempotency_key = ?", String.class, key);
    }

    long keys(String key) {
        return jdbc.queryForObject("select count(*) from payment.idempotency_key where idempotency_key = ?", Long.class, key);
    }

    String keyState(String key) {
        return jdbc.query("select state from payment.idempotency_key where idempotency_key = ?",
                rs -> rs.next() ? rs.getString(1) : null, key);
    }

    private void simulatorCall(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("simulator answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
