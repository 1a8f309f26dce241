package dev.commerce.fullstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the full-stack tests: JSON in, status, headers and JSON out. Every
 * request carries a bearer token: an administrator's unless {@link #as(long)} (a buyer),
 * {@link #withToken(String)} or {@link #anonymous()} says otherwise.
 *
 * <p>HTTP/1.1 with connections reused across requests (the JDK client's pool). A request that gets
 * no answer throws; nothing is retried here. Two things could drop an answer without the server
 * being at fault, and neither can happen: a request sent on a pooled connection the server is
 * just closing as idle (the JDK client retries only GET and HEAD then, so a POST would be lost) cannot
 * happen because the client gives up idle connections after {@link #KEEP_ALIVE}, long before
 * Tomcat's keep-alive timeout (60 s; {@code ApplicationBootIT} checks the order); and a server
 * closing a connection after a number of requests or an error status says so in the answer
 * ({@code Connection: close}), which the client honours.
 */
public final class ApiClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /**
     * How long the JDK client keeps an idle connection for reuse: {@code jdk.httpclient.keepalive.timeout}
     * (seconds), pinned to 20 by the failsafe configuration; 30, the JDK's default, where it is not set.
     */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(Long.getLong("jdk.httpclient.keepalive.timeout", 30));

    private final HttpClient http;
    private final String base;
    private final String token;

    /** A client acting as the administrator ({@link Tokens#ADMINISTRATOR_ID}). */
    public ApiClient(int port) {
        this(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build(), "http://127.0.0.1:" + port, Tokens.administrator());
    }

    private ApiClient(HttpClient http, String base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    /** The same server and connections, acting as buyer {@code userId}. */
    public ApiClient as(long userId) {
        return new ApiClient(http, base, Tokens.buyer(userId));
    }

    /** The same server and connections, acting as the administrator. */
    public ApiClient asAdministrator() {
        return new ApiClient(http, base, Tokens.administrator());
    }

    /** The same server and connections, acting as administrator {@code userId}. */
    public ApiClient asAdministrator(long userId) {
        return new ApiClient(http, base, Tokens.administrator(userId));
    }

    /** The same server, sending {@code token} as it is (garbage, expired, foreign: for refusal tests). */
    public ApiClient withToken(String token) {
        return new ApiClient(http, base, token);
    }

    /** The same server, without an Authorization header. */
    public ApiClient anonymous() {
        return new ApiClient(http, base, null);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").POST(body(body)));
    }

    public Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").PUT(body(body)));
    }

    /** Sends a raw body with the given content type: for malformed-input tests. */
    public Response send(String method, String path, String contentType, String rawBody, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(rawBody));
        headers.forEach(builder::header);
        return send(builder);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT);
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static HttpRequest.BodyPublisher body(Object body) {
        String json = body instanceof String text ? text : JSON.writeValueAsString(body);
        return HttpRequest.BodyPublishers.ofString(json);
    }

    private Response send(HttpRequest.Builder builder) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An answer, and how long it took from sending the request to reading the whole answer
     * ({@code millis}; -1 for answers made up by a test).
     */
    public record Response(int status, String body, Map<String, java.util.List<String>> headers, long millis) {

        public Response(int status, String body, Map<String, java.util.List<String>> headers) {
            this(status, body, headers, -1);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The problem's {@code code}, or the status when the body is not a problem. */
        public String code() {
            if (status < 400) {
                return "OK";
            }
            return json().path("code").asString("HTTP_" + status);
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream())
                    .findFirst().orElse(null);
        }
    }
}
