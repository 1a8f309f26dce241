package dev.commerce.payment.adapter.out.gateway.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A payment gateway over real HTTP on a free loopback port, started when no gateway URL is
 * configured. Its ledger is {@code gateway_simulator.charge} in the service's PostgreSQL, so all
 * instances of the service share it and deduplication by key holds across them.
 *
 * <ul>
 *   <li>{@code POST /v1/charges}, header {@code Idempotency-Key}, body {@code {"orderId", "amount",
 *       "currency"}}: charges once per key (a repeated key returns the first charge, whatever the
 *       body); declines every amount above {@value #DECLINE_ABOVE}. 200 with the charge.</li>
 *   <li>{@code GET /v1/charges/by-key}, header {@code Idempotency-Key}: 200 with the charge, 404 if none.</li>
 *   <li>{@code POST /v1/refunds}, header {@code Idempotency-Key}, body {@code {"transactionId", "amount",
 *       "currency"}}: refunds once per key (a repeated key returns the first refund, whatever the body);
 *       404 for an unknown charge, 422 for a declined charge or more than is left of the charge (its
 *       amount less the refunds made). 200 with {@code {"refundId", "transactionId", "amount",
 *       "currency", "status": "REFUNDED"}}. Its ledger is {@code gateway_simulator.refund}.</li>
 *   <li>{@code GET /v1/refunds/by-key}, header {@code Idempotency-Key}: 200 with the refund, 404 if none.</li>
 *   <li>{@code GET /faults}, {@code PUT /faults} (a {@link GatewayFaults} as JSON; absent fields are 0),
 *       {@code DELETE /faults}: the injected faults.</li>
 * </ul>
 * A charge is {@code {"transactionId", "orderId", "amount", "currency", "status"}}, status
 * {@code APPROVED} or {@code DECLINED}. The ledger's statements are {@link SimulatorLedger}; this class
 * keeps the HTTP endpoints and the fault injection (over 300 lines: five endpoints, each with its
 * validation and its faults, read top to bottom in one place).
 */
public class GatewaySimulator implements AutoCloseable {

    public static final long DECLINE_ABOVE = 5_000_000;
    /** The Spring profile of the production configuration, under which the simulator never exists. */
    public static final String PRODUCTION_PROFILE = "prod";
    private static final Logger log = LoggerFactory.getLogger(GatewaySimulator.class);
    private static final String KEY_HEADER = "Idempotency-Key";

    private final SimulatorLedger ledger;
    private final long defaultHangMillis;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer server;

    private volatile long latencyMillis;
    private volatile long hangMillis;
    private final AtomicInteger failBeforeCharge = new AtomicInteger();
    private final AtomicInteger failAfterCharge = new AtomicInteger();
    private final AtomicInteger timeoutAfterCharge = new AtomicInteger();
    private final AtomicInteger failLookups = new AtomicInteger();
    private final AtomicLong chargeRequestsReceived = new AtomicLong();

    /** A simulator on a free loopback port, for the service that starts it in local mode. */
    public GatewaySimulator(JdbcClient jdbc, long defaultHangMillis) {
        this(jdbc, defaultHangMillis, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** A simulator on the given address: {@link GatewaySimulatorServer}, a gateway container of its own. */
    public GatewaySimulator(JdbcClient jdbc, long defaultHangMillis, InetSocketAddress address) {
        this.ledger = new SimulatorLedger(jdbc);
        this.defaultHangMillis = defaultHangMillis;
        this.hangMillis = defaultHangMillis;
        try {
            server = HttpServer.create(address, 100);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the payment gateway simulator", e);
        }
        server.setExecutor(executor);
        server.createContext("/v1/charges", this::charges);
        server.createContext("/v1/refunds", this::refunds);
        server.createContext("/faults", this::faults);
        server.start();
        log.info("Payment gateway simulator listening on {}", baseUrl());
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public GatewayFaults faults() {
        return new GatewayFaults(latencyMillis, failBeforeCharge.get(), failAfterCharge.get(), timeoutAfterCharge.get(),
                hangMillis, failLookups.get());
    }

    /**
     * Charge requests received so far ({@code POST /v1/charges}, valid or not), counted on arrival:
     * once a request is counted, the latency it is held for is fixed, whatever {@link #setFaults} says
     * next. For tests that must know a charge is at the gateway.
     */
    public long chargeRequestsReceived() {
        return chargeRequestsReceived.get();
    }

    public void setFaults(GatewayFaults faults) {
        latencyMillis = faults.latencyMillis();
        hangMillis = faults.hangMillis();
        failBeforeCharge.set(faults.failBeforeChargeNext());
        failAfterCharge.set(faults.failAfterChargeNext());
        timeoutAfterCharge.set(faults.timeoutAfterChargeNext());
        failLookups.set(faults.failLookupsNext());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        log.info("Payment gateway simulator stopped");
    }

    private void charges(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            String key = exchange.getRequestHeaders().getFirst(KEY_HEADER);
            if (path.equals("/v1/charges") && method.equals("POST")) {
                charge(exchange, key);
            } else if (path.equals("/v1/charges/by-key") && method.equals("GET")) {
                pause(latencyMillis);
                if (key == null) {
                    respond(exchange, 400, Map.of("error", "Idempotency-Key header required"));
                    return;
                }
                if (takeOne(failLookups)) {
                    respond(exchange, 503, Map.of("error", "injected: look-up unavailable"));
                    return;
                }
                Optional<Map<String, Object>> found = ledger.chargeByKey(key);
                respondFound(exchange, found, "no charge for this key");
            } else {
                respond(exchange, 404, Map.of("error", "no such endpoint"));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Gateway simulator failed: {}", e.toString());
            respondQuietly(exchange, 500, Map.of("error", "simulator failure"));
        } finally {
            exchange.close();
        }
    }

    /** 200 with what a look-up by key found, else 404 saying what is missing. */
    private void respondFound(HttpExchange exchange, Optional<Map<String, Object>> found, String missing)
            throws IOException {
        if (found.isPresent()) {
            respond(exchange, 200, found.get());
        } else {
            respond(exchange, 404, Map.of("error", missing));
        }
    }

    private void charge(HttpExchange exchange, String key) throws IOException {
        long latency = latencyMillis; // the latency in force when the request arrived holds it
        chargeRequestsReceived.incrementAndGet();
        pause(latency);
        if (key == null || key.isEmpty()) {
            respond(exchange, 400, Map.of("error", "Idempotency-Key header required"));
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(read(exchange.getRequestBody()));
        } catch (JacksonException e) {
            respond(exchange, 400, Map.of("error", "malformed JSON"));
            return;
        }
        String orderId = body.path("orderId").asString("");
        long amount = body.path("amount").asLong(0);
        String currency = body.path("currency").asString("");
        if (orderId.isEmpty() || amount <= 0 || currency.isEmpty()) {
            respond(exchange, 400, Map.of("error", "orderId, amount and currency are required"));
            return;
        }
        if (takeOne(failBeforeCharge)) {
            respond(exchange, 503, Map.of("error", "injected: unavailable, nothing charged"));
            return;
        }
        Map<String, Object> charge = ledger.charge(key, orderId, amount, currency,
                amount > DECLINE_ABOVE ? "DECLINED" : "APPROVED");
        if (takeOne(failAfterCharge)) {
            respond(exchange, 500, Map.of("error", "injected: failed after charging"));
            return;
        }
        if (takeOne(timeoutAfterCharge)) {
            pause(hangMillis); // the client's read timeout fires first; it never sees this answer
        }
        respondQuietly(exchange, 200, charge);
    }

    private void refunds(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            String key = exchange.getRequestHeaders().getFirst(KEY_HEADER);
            pause(latencyMillis);
            if (key == null || key.isEmpty()) {
                respond(exchange, 400, Map.of("error", "Idempotency-Key header required"));
            } else if (path.equals("/v1/refunds") && method.equals("POST")) {
                refund(exchange, key);
            } else if (path.equals("/v1/refunds/by-key") && method.equals("GET")) {
                respondFound(exchange, ledger.refundByKey(key, false), "no refund for this key");
            } else {
                respond(exchange, 404, Map.of("error", "no such endpoint"));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Gateway simulator failed: {}", e.toString());
            respondQuietly(exchange, 500, Map.of("error", "simulator failure"));
        } finally {
            exchange.close();
        }
    }

    private void refund(HttpExchange exchange, String key) throws IOException {
        JsonNode body;
        try {
            body = json.readTree(read(exchange.getRequestBody()));
        } catch (JacksonException e) {
            respond(exchange, 400, Map.of("error", "malformed JSON"));
            return;
        }
        String transactionId = body.path("transactionId").asString("");
        long amount = body.path("amount").asLong(0);
        if (transactionId.isEmpty() || amount <= 0) {
            respond(exchange, 400, Map.of("error", "transactionId and a positive amount are required"));
            return;
        }
        // a key refunds once: its first refund is the answer, whatever this request says
        Optional<Map<String, Object>> made = ledger.refundByKey(key, true);
        if (made.isEmpty()) {
            made = ledger.refund(key, transactionId, amount);
        }
        if (made.isEmpty()) {
            made = ledger.refundByKey(key, false); // a concurrent request with the same key refunded first
        }
        if (made.isPresent()) {
            respond(exchange, 200, made.get());
            return;
        }
        Optional<String> chargeStatus = ledger.chargeStatus(transactionId);
        if (chargeStatus.isEmpty()) {
            respond(exchange, 404, Map.of("error", "no such charge"));
        } else if (!chargeStatus.get().equals("APPROVED")) {
            respond(exchange, 422, Map.of("error", "the charge was " + chargeStatus.get() + "; nothing to refund"));
        } else {
            respond(exchange, 422, Map.of("error", "the refund exceeds what is left of the charge"));
        }
    }

    private void faults(HttpExchange exchange) {
        try {
            switch (exchange.getRequestMethod()) {
                case "GET" -> respond(exchange, 200, faults());
                case "DELETE" -> {
                    setFaults(GatewayFaults.none(defaultHangMillis));
                    respond(exchange, 200, faults());
                }
                case "PUT" -> {
                    JsonNode body = json.readTree(read(exchange.getRequestBody()));
                    setFaults(new GatewayFaults(body.path("latencyMillis").asLong(0),
                            body.path("failBeforeChargeNext").asInt(0), body.path("failAfterChargeNext").asInt(0),
                            body.path("timeoutAfterChargeNext").asInt(0),
                            body.path("hangMillis").asLong(defaultHangMillis), body.path("failLookupsNext").asInt(0)));
                    respond(exchange, 200, faults());
                }
                default -> respond(exchange, 405, Map.of("error", "GET, PUT or DELETE"));
            }
        } catch (JacksonException | IllegalArgumentException e) {
            respondQuietly(exchange, 400, Map.of("error", "invalid fault settings: " + e.getMessage()));
        } catch (IOException e) {
            log.debug("Gateway simulator could not answer: {}", e.toString());
        } finally {
            exchange.close();
        }
    }

    private void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The client may have given up (time-out fault): a failed write is expected then. */
    private void respondQuietly(HttpExchange exchange, int status, Object body) {
        try {
            respond(exchange, status, body);
        } catch (IOException | RuntimeException e) {
            log.debug("Gateway simulator could not answer: {}", e.toString());
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean takeOne(AtomicInteger remaining) {
        return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
