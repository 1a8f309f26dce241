package dev.commerce.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.infra.LocalTokenIssuer;
import dev.commerce.testing.Figures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * "Who is calling" (API.md), over every endpoint: no token, a garbage token, a token signed by
 * another key, an expired token, a token whose {@code sub} names no user: 401 {@code
 * UNAUTHENTICATED} with {@code WWW-Authenticate: Bearer}; a buyer on an administrator's call: 403
 * {@code FORBIDDEN}; buyer B on buyer A's objects: the same 404 as for an id that does not exist.
 * None of it changes the database.
 */
class SecurityCampaignIT extends FullStackTest {

    private static final long BUYER_A = 7_001;
    private static final long BUYER_B = 7_002;

    @Autowired
    org.springframework.context.ApplicationContext context;

    private String sku;
    private String reservationOfA;
    private String couponId;
    private String paymentId;
    private String orderOfA;

    @BeforeEach
    void fixtures() {
        // first, so that nothing earlier test classes left behind moves under the campaign's feet
        BackgroundWork.settle(context);
        sku = "security-" + UUID.randomUUID();
        stock(sku, 100);
        Response reservation = api.as(BUYER_A).post("/api/v1/reservations",
                Map.of("orderId", "security", "lines", List.of(Map.of("sku", sku, "quantity", 1))));
        assertThat(reservation.status()).isEqualTo(201);
        reservationOfA = reservation.json().path("id").asString();
        Response coupon = api.post("/api/v1/coupons", Map.of("name", "SECURITY", "totalQuantity", 10));
        assertThat(coupon.status()).isEqualTo(201);
        couponId = coupon.json().path("id").asString();
        assertThat(api.as(BUYER_A).post("/api/v1/coupons/" + couponId + "/issues", Map.of()).status()).isEqualTo(201);
        Response payment = api.send("POST", "/api/v1/payments", "application/json",
                "{\"orderId\":\"security\",\"amount\":15000,\"currency\":\"KRW\"}",
                Map.of("Idempotency-Key", "security-" + UUID.randomUUID()));
        assertThat(payment.status()).isEqualTo(201);
        paymentId = payment.json().path("id").asString();
        price(sku, 1000, "KRW");
        Response order = api.as(BUYER_A).send("POST", "/api/v1/orders", "application/json",
                "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}",
                Map.of("Idempotency-Key", "security-" + UUID.randomUUID()));
        assertThat(order.status()).isEqualTo(201);
        orderOfA = order.json().path("id").asString();
    }

    @Test
    void every_refused_caller_gets_its_documented_status_and_code_and_changes_nothing() {
        Map<String, String> before = DatabaseSnapshot.of(jdbc);
        List<Call> endpoints = endpoints();
        Map<String, Integer> distribution = new TreeMap<>();
        List<String> failures = new ArrayList<>();

        for (Map.Entry<String, ApiClient> credentials : unauthenticated().entrySet()) {
            for (Call call : endpoints) {
                check(call, credentials.getKey(), credentials.getValue(), 401, "UNAUTHENTICATED", distribution, failures);
            }
        }
        ApiClient buyer = api.as(BUYER_B);
        for (Call call : endpoints) {
            if (call.adminOnly()) {
                check(call, "buyer on an administrator's call", buyer, 403, "FORBIDDEN", distribution, failures);
            }
        }
        for (Call call : othersObjects()) {
            check(call, "buyer B on buyer A's object", buyer, call.status(), call.code(), distribution, failures);
        }

        String figures = Figures.report("SecurityCampaignIT", "%d refused requests: %s",
                distribution.values().stream().mapToInt(Integer::intValue).sum(), distribution);
        assertThat(failures).as(figures).isEmpty();
        assertThat(DatabaseSnapshot.of(jdbc)).as(figures).isEqualTo(before);
        assertInvariantsHold();
    }

    @Test
    void buyer_b_cannot_tell_buyer_as_reservation_from_one_that_does_not_exist() {
        ApiClient buyer = api.as(BUYER_B);
        Response others = buyer.get("/api/v1/reservations/" + reservationOfA);
        Response missing = buyer.get("/api/v1/reservations/" + UUID.randomUUID());

        assertThat(others.status()).isEqualTo(404);
        assertThat(others.json().path("code").asString()).isEqualTo(missing.json().path("code").asString());
        assertThat(api.as(BUYER_A).get("/api/v1/reservations/" + reservationOfA).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/reservations/" + reservationOfA).status()).isEqualTo(200);
    }

    private void check(Call call, String who, ApiClient client, int status, String code,
            Map<String, Integer> distribution, List<String> failures) {
        Response response = client.send(call.method(), call.path(), "application/json", call.body(), call.headers());
        distribution.merge(response.status() + " " + response.code(), 1, Integer::sum);
        String contentType = response.header("Content-Type");
        String wwwAuthenticate = response.header("WWW-Authenticate");
        if (response.status() != status || !code.equals(response.code())
                || contentType == null || !contentType.startsWith("application/problem+json")
                || status == 401 && (wwwAuthenticate == null || !wwwAuthenticate.startsWith("Bearer"))) {
            failures.add(who + ": " + call.method() + " " + call.path() + " -> " + response.status() + " "
                    + response.code() + " (" + contentType + ", WWW-Authenticate " + wwwAuthenticate + ")");
        }
    }

    /** Every endpoint of API.md, with a body that would succeed for the right caller. */
    private List<Call> endpoints() {
        String reservationBody = "{\"orderId\":\"o\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}";
        String paymentBody = "{\"orderId\":\"o\",\"amount\":100,\"currency\":\"KRW\"}";
        Map<String, String> key = Map.of("Idempotency-Key", "security-" + UUID.randomUUID());
        return List.of(
                new Call("PUT", "/api/v1/products/" + sku + "/stock", "{\"onHand\":5}", Map.of(), true),
                new Call("PUT", "/api/v1/products/" + sku + "/price", "{\"price\":100,\"currency\":\"KRW\"}", Map.of(), true),
                new Call("GET", "/api/v1/products/" + sku + "/stock", "", Map.of(), false),
                new Call("GET", "/api/v1/products/" + sku + "/price", "", Map.of(), false),
                new Call("POST", "/api/v1/reservations", reservationBody, Map.of(), false),
                new Call("GET", "/api/v1/reservations/" + reservationOfA, "", Map.of(), false),
                new Call("POST", "/api/v1/reservations/" + reservationOfA + "/confirm", "", Map.of(), true),
                new Call("POST", "/api/v1/reservations/" + reservationOfA + "/cancel", "", Map.of(), false),
                new Call("POST", "/api/v1/coupons", "{\"name\":\"X\",\"totalQuantity\":5}", Map.of(), true),
                new Call("GET", "/api/v1/coupons/" + couponId, "", Map.of(), false),
                new Call("POST", "/api/v1/coupons/" + couponId + "/issues", "{}", Map.of(), false),
                new Call("GET", "/api/v1/users/" + BUYER_A + "/coupons", "", Map.of(), false),
                new Call("POST", "/api/v1/payments", paymentBody, key, true),
                new Call("GET", "/api/v1/payments/" + paymentId, "", Map.of(), false),
                new Call("POST", "/api/v1/orders", "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}", key, false),
                new Call("GET", "/api/v1/orders/" + orderOfA, "", Map.of(), false),
                new Call("POST", "/api/v1/orders/" + orderOfA + "/payment", "{}", key, false),
                new Call("POST", "/api/v1/orders/" + orderOfA + "/cancel", "", Map.of(), false),
                new Call("GET", "/api/v1/no-such-endpoint", "", Map.of(), false));
    }

    /** Buyer B naming buyer A's objects: as if they did not exist, or forbidden where the user is in the path. */
    private List<Call> othersObjects() {
        return List.of(
                new Call("GET", "/api/v1/reservations/" + reservationOfA, "", Map.of(), 404, "RESERVATION_NOT_FOUND"),
                new Call("POST", "/api/v1/reservations/" + reservationOfA + "/cancel", "", Map.of(), 404,
                        "RESERVATION_NOT_FOUND"),
                new Call("GET", "/api/v1/payments/" + paymentId, "", Map.of(), 404, "PAYMENT_NOT_FOUND"),
                new Call("GET", "/api/v1/orders/" + orderOfA, "", Map.of(), 404, "ORDER_NOT_FOUND"),
                new Call("POST", "/api/v1/orders/" + orderOfA + "/payment", "{}",
                        Map.of("Idempotency-Key", "security-" + UUID.randomUUID()), 404, "ORDER_NOT_FOUND"),
                new Call("POST", "/api/v1/orders/" + orderOfA + "/cancel", "", Map.of(), 404, "ORDER_NOT_FOUND"),
                new Call("POST", "/api/v1/coupons/" + couponId + "/issues", "{\"userId\":" + BUYER_A + "}", Map.of(), 403,
                        "FORBIDDEN"),
                new Call("GET", "/api/v1/users/" + BUYER_A + "/coupons", "", Map.of(), 403, "FORBIDDEN"));
    }

    /** Callers that must be refused as unauthenticated, by what they send. */
    private Map<String, ApiClient> unauthenticated() {
        LocalTokenIssuer issuer = Tokens.issuer();
        Instant now = Instant.now();
        Map<String, ApiClient> callers = new LinkedHashMap<>();
        callers.put("no token", api.anonymous());
        callers.put("garbage token", api.withToken("garbage"));
        callers.put("three garbage parts", api.withToken("abc.def.ghi"));
        callers.put("token signed by another key", api.withToken(
                LocalTokenIssuer.withNewKey().administrator(Tokens.ADMINISTRATOR_ID, Duration.ofHours(1))));
        callers.put("expired token", api.withToken(
                issuer.mint("1", "admin", now.minus(Duration.ofHours(2)), Duration.ofHours(1))));
        callers.put("sub not a number", api.withToken(issuer.mint("alice", "admin", now, Duration.ofHours(1))));
        callers.put("sub zero", api.withToken(issuer.mint("0", "admin", now, Duration.ofHours(1))));
        callers.put("sub negative", api.withToken(issuer.mint("-5", "admin", now, Duration.ofHours(1))));
        callers.put("tampered payload", api.withToken(tamper(issuer.buyer(BUYER_B, Duration.ofHours(1)))));
        return callers;
    }

    /** The same signature over a payload that now claims the admin scope. */
    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        String forged = payload.replaceFirst("\\{", "{\"scope\":\"admin\",");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private record Call(String method, String path, String body, Map<String, String> headers, boolean adminOnly,
            int status, String code) {

        Call(String method, String path, String body, Map<String, String> headers, boolean adminOnly) {
            this(method, path, body, headers, adminOnly, 0, null);
        }

        Call(String method, String path, String body, Map<String, String> headers, int status, String code) {
            this(method, path, body, headers, false, status, code);
        }
    }
}
