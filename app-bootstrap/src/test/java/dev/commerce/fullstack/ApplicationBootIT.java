package dev.commerce.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application on real PostgreSQL and Redis (embedded here, containers where Docker
 * answers, or whatever SPRING_DATASOURCE_URL / SPRING_DATA_REDIS_URL name).
 */
class ApplicationBootIT extends FullStackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    WebServerApplicationContext context;

    /**
     * The full-stack tests' client reuses idle connections ({@link ApiClient}); a request it sent
     * on a connection the server was closing as idle at that moment would get no answer. The server
     * must therefore keep an idle connection clearly longer than the client does.
     */
    @Test
    void the_server_keeps_an_idle_connection_longer_than_the_test_client_does() {
        var protocol = (AbstractHttp11Protocol<?>) ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector()
                .getProtocolHandler();
        Duration serverKeepAlive = Duration.ofMillis(protocol.getKeepAliveTimeout());

        // twice: the client drops an expired idle connection on its next clean-up pass, not to the millisecond
        assertThat(serverKeepAlive).as("Tomcat's keep-alive timeout, against the client's " + ApiClient.KEEP_ALIVE)
                .isGreaterThanOrEqualTo(ApiClient.KEEP_ALIVE.multipliedBy(2));
    }

    @Test
    void health_is_up_and_reports_the_database_and_redis() throws Exception {
        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("details").path("database").asString())
                .isEqualTo("PostgreSQL");
        assertThat(health.path("components").path("redis").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void anyone_sees_the_health_of_db_and_redis_but_only_an_administrator_their_details() throws Exception {
        JsonNode anonymous = JSON.readTree(getAnonymously("/actuator/health").body());
        JsonNode buyer = JSON.readTree(http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .header("Authorization", "Bearer " + Tokens.buyer(42)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());

        for (JsonNode health : List.of(anonymous, buyer)) {
            assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
            assertThat(health.path("components").path("redis").path("status").asString()).isEqualTo("UP");
            assertThat(health.path("components").path("db").has("details")).isFalse();
        }
    }

    @Test
    void metrics_are_for_administrators_only() throws Exception {
        HttpResponse<String> anonymous = getAnonymously("/actuator/prometheus");
        HttpResponse<String> buyer = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + Tokens.buyer(42)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
        assertThat(JSON.readTree(anonymous.body()).path("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(buyer.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(buyer.body()).path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(buyer.body()).doesNotContain("jvm_memory_used_bytes");
    }

    @Test
    void flyway_has_migrated_one_schema_per_module() {
        Integer failed = jdbc.queryForObject(
                "select count(*) from flyway_schema_history where not success", Integer.class);
        Integer applied = jdbc.queryForObject(
                "select count(*) from flyway_schema_history where success and version is not null", Integer.class);
        List<String> schemas = jdbc.queryForList(
                "select schema_name from information_schema.schemata where schema_name in ('inventory', 'payment', 'coupon')",
                String.class);

        assertThat(failed).isZero();
        assertThat(applied).isGreaterThanOrEqualTo(3);
        assertThat(schemas).containsExactlyInAnyOrder("inventory", "payment", "coupon");
    }

    @Test
    void prometheus_metrics_and_the_openapi_description_are_served() throws Exception {
        get("/api/v1/products/no-such-sku/stock");
        HttpResponse<String> metrics = get("/actuator/prometheus");
        HttpResponse<String> apiDocs = get("/v3/api-docs");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "hikaricp_connections",
                "http_server_requests_seconds_bucket{");
        assertThat(apiDocs.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(apiDocs.body()).path("openapi").asString()).startsWith("3.");
    }

    @Test
    void every_module_publishes_its_metrics_under_consistent_names() throws Exception {
        String sku = "metrics-" + java.util.UUID.randomUUID();
        api.put("/api/v1/products/" + sku + "/stock", java.util.Map.of("onHand", 1));
        api.post("/api/v1/reservations", java.util.Map.of("orderId", "o-m1", "lines", List.of(java.util.Map.of("sku", sku, "quantity", 1))));
        api.post("/api/v1/reservations", java.util.Map.of("orderId", "o-m2", "lines", List.of(java.util.Map.of("sku", sku, "quantity", 1))));
        String key = "metrics-" + java.util.UUID.randomUUID();
        String payment = "{\"orderId\": \"o-m\", \"amount\": 100, \"currency\": \"KRW\"}";
        api.send("POST", "/api/v1/payments", "application/json", payment, java.util.Map.of("Idempotency-Key", key));
        api.send("POST", "/api/v1/payments", "application/json", payment, java.util.Map.of("Idempotency-Key", key));

        String metrics = get("/actuator/prometheus").body();

        assertThat(metrics).contains(
                "inventory_lock_wait_seconds_count{type=\"row\"}",
                "inventory_lock_hold_seconds_count{type=\"row\"}",
                "inventory_reservations_total{outcome=\"reserved\"}",
                "inventory_reservations_total{outcome=\"insufficient_stock\"}",
                "inventory_reservations_expired_total",
                "payment_requests_total{outcome=\"charged\"}",
                "payment_requests_total{outcome=\"replayed\"}",
                "payment_gateway_requests_seconds_count{operation=\"charge\",outcome=\"ok\"}",
                "coupon_lock_wait_seconds", "coupon_lock_hold_seconds", "coupon_lock_fallback_total",
                // registered at startup; OrderMetricsIT counts them through real orders
                "orders_placed_total{outcome=\"placed\"}",
                "orders_payments_total{outcome=\"paid\"}",
                "orders_transitions_total{to=\"PAID\"}",
                "orders_compensations_total{kind=\"reservation_released\",outcome=\"done\",trigger=\"place_failed\"}");
    }

    @Test
    void only_health_info_and_prometheus_actuator_endpoints_are_exposed() throws Exception {
        assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/beans").statusCode()).isEqualTo(404);
    }

    @Test
    void an_unknown_path_is_a_404_problem_with_a_code_and_no_stack_trace() throws Exception {
        HttpResponse<String> response = get("/api/v1/no-such-thing");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("Exception", "at org.");
    }

    @Test
    void an_oversized_body_is_a_413_problem_whether_its_length_is_declared_or_not() throws Exception {
        String huge = "{\"orderId\": \"" + "x".repeat(100_000) + "\", \"lines\": []}";
        URI reservations = URI.create("http://127.0.0.1:" + port + "/api/v1/reservations");

        HttpResponse<String> declared = http.send(HttpRequest.newBuilder(reservations)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + Tokens.buyer(42))
                .POST(HttpRequest.BodyPublishers.ofString(huge)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(reservations)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + Tokens.buyer(42))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> response : List.of(declared, chunked)) {
            assertThat(response.statusCode()).isEqualTo(413);
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
            assertThat(problem.path("status").asInt()).isEqualTo(413);
        }
    }

    @Test
    void a_url_tomcat_refuses_itself_is_a_400_problem_not_an_html_page() throws Exception {
        // %00, an encoded slash and an encoded backslash are refused by Tomcat before any servlet runs
        for (String path : List.of("/api/v1/products/a%00b/stock", "/api/v1/products/a%2Fb/stock",
                "/api/v1/products/a%5Cb/stock", "/api/v1/reservations/%00")) {
            HttpResponse<String> response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("code").asString()).as(path).isEqualTo("INVALID_REQUEST");
            assertThat(problem.path("status").asInt()).as(path).isEqualTo(400);
            assertThat(response.body()).as(path).doesNotContain("<html", "Tomcat", "Exception");
        }
    }

    /** A GET as the administrator. */
    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + Tokens.administrator()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> getAnonymously(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
