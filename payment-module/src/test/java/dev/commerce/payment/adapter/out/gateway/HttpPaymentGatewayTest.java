package dev.commerce.payment.adapter.out.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.commerce.payment.application.port.GatewayCharge;
import dev.commerce.payment.application.port.GatewayChargeRequest;
import dev.commerce.payment.application.port.GatewayException;
import dev.commerce.payment.application.port.GatewayException.Outcome;
import dev.commerce.payment.application.port.GatewayRefund;
import dev.commerce.payment.application.port.GatewayRefundRequest;
import dev.commerce.payment.application.port.GatewayRefusedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP adapter against a stub gateway on loopback: what each failure says about the money. */
class HttpPaymentGatewayTest {

    // generous, so that a slow first request on a busy machine is not mistaken for a time-out
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(300);
    private HttpServer server;
    private final AtomicReference<String> receivedKey = new AtomicReference<>();
    private final AtomicReference<String> receivedPath = new AtomicReference<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void a_charge_forwards_the_key_and_reads_the_answer() throws IOException {
        HttpPaymentGateway gateway = gatewayAnswering(200, """
                {"transactionId": "txn-1", "orderId": "o-1", "amount": 15000, "currency": "KRW", "status": "APPROVED"}""", 0);

        GatewayCharge charge = gateway.charge(new GatewayChargeRequest("k-1", "o-1", 15_000, "KRW"));

        assertThat(charge).isEqualTo(new GatewayCharge("txn-1", "o-1", 15_000, "KRW", true));
        assertThat(receivedKey.get()).isEqualTo("k-1");
        assertThat(receivedPath.get()).isEqualTo("/v1/charges");
    }

    @Test
    void a_base_url_with_a_path_keeps_it() throws IOException {
        HttpPaymentGateway stub = gatewayAnswering(404, "{}", 0);
        HttpPaymentGateway gateway = new HttpPaymentGateway(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/psp"), Duration.ofSeconds(1), READ_TIMEOUT);

        assertThat(gateway.findByKey("k-1")).isEmpty();
        assertThat(receivedPath.get()).isEqualTo("/psp/v1/charges/by-key");
        assertThat(stub).isNotNull();
    }

    @Test
    void a_refused_connection_surely_charged_nothing() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpPaymentGateway gateway = new HttpPaymentGateway(URI.create("http://127.0.0.1:" + closedPort),
                Duration.ofSeconds(1), READ_TIMEOUT);

        assertOutcome(() -> gateway.charge(new GatewayChargeRequest("k-1", "o-1", 1, "KRW")), Outcome.NOT_CHARGED);
    }

    @Test
    void a_server_error_after_sending_leaves_the_outcome_unknown() throws IOException {
        HttpPaymentGateway gateway = gatewayAnswering(500, "{}", 0);

        assertOutcome(() -> gateway.charge(new GatewayChargeRequest("k-1", "o-1", 1, "KRW")), Outcome.UNKNOWN_FAILED);
    }

    @Test
    void no_answer_within_the_read_timeout_leaves_the_outcome_unknown() throws IOException {
        HttpPaymentGateway gateway = gatewayAnswering(200, "{}", 3_000, SHORT_READ_TIMEOUT);

        assertOutcome(() -> gateway.charge(new GatewayChargeRequest("k-1", "o-1", 1, "KRW")), Outcome.UNKNOWN_TIMED_OUT);
    }

    @Test
    void a_look_up_of_an_unknown_key_is_empty() throws IOException {
        HttpPaymentGateway gateway = gatewayAnswering(404, "{}", 0);

        assertThat(gateway.findByKey("k-1")).isEmpty();
        assertThat(receivedKey.get()).isEqualTo("k-1");
    }

    @Test
    void a_refund_forwards_its_key_and_reads_the_answer() throws IOException {
        HttpPaymentGateway gateway = gatewayAnswering(200, """
                {"refundId": "rfd-1", "transactionId": "txn-1", "amount": 15000, "currency": "KRW", "status": "REFUNDED"}""", 0);

        GatewayRefund refund = gateway.refund(new GatewayRefundRequest("refund:p-1", "txn-1", 15_000, "KRW"));

        assertThat(refund).isEqualTo(new GatewayRefund("rfd-1", "txn-1", 15_000, "KRW"));
        assertThat(receivedKey.get()).isEqualTo("refund:p-1");
        assertThat(receivedPath.get()).isEqualTo("/v1/refunds");
    }

    @Test
    void a_refund_the_gateway_refuses_is_a_refusal_not_an_unknown_outcome() throws IOException {
        HttpPaymentGateway gateway = gatewayAnswering(422, "{\"error\": \"too much\"}", 0);

        assertThatThrownBy(() -> gateway.refund(new GatewayRefundRequest("refund:p-1", "txn-1", 1, "KRW")))
                .isInstanceOf(GatewayRefusedException.class);
    }

    @Test
    void a_server_error_on_a_refund_leaves_its_outcome_unknown() throws IOException {
        HttpPaymentGateway gateway = gatewayAnswering(500, "{}", 0);

        assertOutcome(() -> gateway.refund(new GatewayRefundRequest("refund:p-1", "txn-1", 1, "KRW")),
                Outcome.UNKNOWN_FAILED);
    }

    @Test
    void a_refund_is_looked_up_by_its_key() throws IOException {
        HttpPaymentGateway gateway = gatewayAnswering(404, "{}", 0);

        assertThat(gateway.findRefundByKey("refund:p-1")).isEmpty();
        assertThat(receivedKey.get()).isEqualTo("refund:p-1");
        assertThat(receivedPath.get()).isEqualTo("/v1/refunds/by-key");
    }

    private HttpPaymentGateway gatewayAnswering(int status, String body, long delayMillis) throws IOException {
        return gatewayAnswering(status, body, delayMillis, READ_TIMEOUT);
    }

    private HttpPaymentGateway gatewayAnswering(int status, String body, long delayMillis, Duration readTimeout)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", (HttpExchange exchange) -> {
            try (exchange) {
                receivedKey.set(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
                receivedPath.set(exchange.getRequestURI().getPath());
                exchange.getRequestBody().readAllBytes();
                Thread.sleep(delayMillis); // a slow gateway: the point of the time-out tests
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (InterruptedException | IOException e) {
                // the client gave up
            }
        });
        server.start();
        return new HttpPaymentGateway(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(1), readTimeout);
    }

    private static void assertOutcome(Runnable call, Outcome outcome) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.outcome()).isEqualTo(outcome));
    }
}
