package dev.commerce.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.testing.Figures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A generated campaign of malformed requests against every endpoint of API.md: broken JSON, wrong
 * types, missing and unknown fields, absurd numbers and strings, wrong content types, oversized
 * bodies, bad idempotency keys and bad path ids. Each must be answered with a 4xx RFC 9457 problem
 * carrying a code, and none may change the database.
 *
 * <p>Requests go over a raw socket so that the campaign controls every byte: a missing
 * {@code Content-Type}, a header value the JDK client would refuse, a chunked body.
 */
class BadInputCampaignIT extends FullStackTest {

    private static final Pattern UPPER_SNAKE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

    @Autowired
    org.springframework.context.ApplicationContext context;

    private String sku;
    private String reservationId;
    private String couponId;
    private String paymentId;

    /** One valid target of each kind, so that a body mutation fails for the mutation only. */
    @BeforeEach
    void fixtures() {
        sku = "bad-input-" + UUID.randomUUID();
        assertThat(api.put(stockPath(sku), Map.of("onHand", 100)).status()).isEqualTo(200);
        Response reservation = api.post("/api/v1/reservations",
                Map.of("orderId", "bad-input", "lines", List.of(Map.of("sku", sku, "quantity", 1))));
        assertThat(reservation.status()).isEqualTo(201);
        reservationId = reservation.json().path("id").asString();
        // cancelled, so that nothing in the campaign's time can move it (no expiry, no stock)
        assertThat(api.post("/api/v1/reservations/" + reservationId + "/cancel", Map.of()).status()).isEqualTo(200);
        Response coupon = api.post("/api/v1/coupons", Map.of("name", "BAD-INPUT", "totalQuantity", 10));
        assertThat(coupon.status()).isEqualTo(201);
        couponId = coupon.json().path("id").asString();
        assertThat(api.post("/api/v1/coupons/" + couponId + "/issues", Map.of("userId", 1)).status()).isEqualTo(201);
        Response payment = api.send("POST", "/api/v1/payments", "application/json",
                "{\"orderId\":\"bad-input\",\"amount\":15000,\"currency\":\"KRW\"}",
                Map.of("Idempotency-Key", "bad-input-" + UUID.randomUUID()));
        assertThat(payment.status()).isEqualTo(201);
        paymentId = payment.json().path("id").asString();
        // what earlier test classes left to the background jobs is settled now, not under the campaign's feet
        BackgroundWork.settle(context);
    }

    @Test
    void every_malformed_request_is_a_4xx_problem_with_a_code_and_changes_nothing() {
        Map<String, String> before = DatabaseSnapshot.of(jdbc);
        java.sql.Timestamp campaignStart = jdbc.queryForObject("SELECT now()", java.sql.Timestamp.class);
        List<Case> cases = campaign();
        Map<String, Integer> distribution = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();

        for (Case c : cases) {
            Answer answer = send(c);
            String code = answer.problemCode();
            distribution.merge(answer.status() + " " + code, 1, Integer::sum);
            String failure = answer.failure();
            if (failure != null) {
                failures.add(c + " -> " + failure + ": " + answer.status() + " " + answer.contentType() + " "
                        + abbreviate(answer.body()));
            }
        }

        String figures = Figures.report("BadInputCampaignIT", "%d malformed requests in %d ms: %s", cases.size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), distribution);
        assertThat(cases).as(figures).hasSizeGreaterThanOrEqualTo(300);
        assertThat(failures).as(figures).isEmpty();
        assertThat(DatabaseSnapshot.of(jdbc)).as(figures).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment.idempotency_key WHERE created_at >= ?",
                Long.class, campaignStart)).as("idempotency keys stored by malformed requests").isZero();
        assertInvariantsHold();
    }

    // ---------------------------------------------------------------- the campaign

    private List<Case> campaign() {
        List<Case> cases = new ArrayList<>();
        String orderId = "bad-input-order";

        bodyCases(cases, "PUT", stockPath(sku), Map.of(), "{\"onHand\":100}",
                List.of(new Field("onHand", Kind.NUMBER, "1000000001", true)));
        String price = "{\"price\":15000,\"currency\":\"KRW\"}";
        bodyCases(cases, "PUT", pricePath(sku), Map.of(), price,
                List.of(new Field("price", Kind.NUMBER, "1000000000001", true), new Field("currency", Kind.STRING, null, false)));
        // and for a SKU that does not exist yet, which a valid body would create
        String absentSku = "bad-input-absent-" + UUID.randomUUID();
        bodyCases(cases, "PUT", pricePath(absentSku), Map.of(), price,
                List.of(new Field("price", Kind.NUMBER, "1000000000001", true), new Field("currency", Kind.STRING, null, false)));
        for (String currency : List.of("\"krw\"", "\"KR\"", "\"KRWX\"", "\"K1W\"", "\"₩₩₩\"", "\"KRW \"", "\"ÄBC\"")) {
            cases.add(json("PUT", pricePath(sku), replace(price, "currency", currency), Map.of()));
            cases.add(json("PUT", pricePath(absentSku), replace(price, "currency", currency), Map.of()));
        }
        bodyCases(cases, "POST", "/api/v1/reservations", Map.of(),
                "{\"orderId\":\"" + orderId + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}",
                List.of(new Field("orderId", Kind.STRING, null, false), new Field("lines", Kind.ARRAY, null, false),
                        new Field("lines.0.sku", Kind.STRING, null, false),
                        new Field("lines.0.quantity", Kind.NUMBER, "1000001", false)));
        bodyCases(cases, "POST", "/api/v1/coupons", Map.of(), "{\"name\":\"BAD-INPUT\",\"totalQuantity\":10,\"discount\":3000}",
                // discount is optional (absent or null: 0) and may be 0
                List.of(new Field("name", Kind.STRING, null, false), new Field("totalQuantity", Kind.NUMBER, "10000001", false),
                        new Field("discount", Kind.NUMBER, "1000000000001", true, true)));
        bodyCases(cases, "POST", "/api/v1/coupons/" + couponId + "/issues", Map.of(), "{\"userId\":7}",
                // userId is optional (absent or null: the caller); every other wrong value is malformed
                List.of(new Field("userId", Kind.NUMBER, null, false, true)));
        String payment = "{\"orderId\":\"" + orderId + "\",\"amount\":15000,\"currency\":\"KRW\"}";
        bodyCases(cases, "POST", "/api/v1/payments", null, payment,
                List.of(new Field("orderId", Kind.STRING, null, false), new Field("amount", Kind.NUMBER, "1000000000001", false),
                        new Field("currency", Kind.STRING, null, false)));
        for (String currency : List.of("\"krw\"", "\"KR\"", "\"KRWX\"", "\"K1W\"", "\"₩₩₩\"")) {
            cases.add(payment("currency " + currency, freshKey(), replace(payment, "currency", currency)));
        }

        // Idempotency-Key: missing, empty, too long, non-printable, non-ASCII
        cases.add(new Case("payment without Idempotency-Key", "POST", "/api/v1/payments", "application/json",
                utf8(payment), Map.of(), false));
        for (String key : List.of("", " ", "k".repeat(256), "k".repeat(1000), "a\tb", "키-" + UUID.randomUUID(),
                "caf\u00e9-" + UUID.randomUUID())) {
            cases.add(payment("Idempotency-Key " + describe(key), key, payment));
        }
        // the same keys on a POST whose key is optional (ADR 12): refused before anything is reserved
        String reservation = "{\"orderId\":\"bad-input\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}";
        for (String key : List.of("", "k".repeat(256), "k".repeat(1000), "a\tb", "키-" + UUID.randomUUID(),
                "caf\u00e9-" + UUID.randomUUID())) {
            cases.add(new Case("reservation Idempotency-Key " + describe(key), "POST", "/api/v1/reservations",
                    "application/json", utf8(reservation), Map.of("Idempotency-Key", key), false));
        }

        // path ids on every endpoint that has one
        List<String> ids = List.of("x".repeat(101), "x".repeat(1000), "%ED%82%A4%EB%8A%94-" + UUID.randomUUID(),
                "a%01b", "a%1Fb", "a%7Fb", "%20", "a%09b", "%E2%80%AE" + "rtl", UUID.randomUUID().toString());
        for (String id : ids) {
            cases.add(plain("GET", stockPath(id)));
            cases.add(plain("GET", pricePath(id)));
            cases.add(plain("GET", "/api/v1/reservations/" + id));
            cases.add(plain("POST", "/api/v1/reservations/" + id + "/confirm"));
            cases.add(plain("POST", "/api/v1/reservations/" + id + "/cancel"));
            cases.add(plain("GET", "/api/v1/coupons/" + id));
            cases.add(json("POST", "/api/v1/coupons/" + id + "/issues", "{\"userId\":7}", Map.of()));
            cases.add(plain("GET", "/api/v1/payments/" + id));
        }
        // a sku that is too long or not printable cannot be created either
        for (String id : List.of("x".repeat(101), "x".repeat(1000), "a%01b", "a%1Fb", "a%7Fb", "%20", "a%09b")) {
            cases.add(json("PUT", stockPath(id), "{\"onHand\":100}", Map.of()));
            cases.add(json("PUT", pricePath(id), price, Map.of()));
        }
        for (String userId : List.of("abc", "-1", "0", "1.5", "1e3", "9223372036854775808", "-9223372036854775809",
                "%20", "0x10", "%ED%82%A4", "x".repeat(101), "1%01")) {
            cases.add(plain("GET", "/api/v1/users/" + userId + "/coupons"));
        }
        // the valid targets, in a state that refuses the call
        cases.add(plain("GET", pricePath(sku)));
        cases.add(plain("POST", "/api/v1/reservations/" + reservationId + "/confirm"));
        cases.add(plain("POST", "/api/v1/reservations/" + reservationId + "/cancel"));
        cases.add(json("POST", "/api/v1/reservations/" + reservationId + "/confirm", "{not json", Map.of()));
        cases.add(json("POST", "/api/v1/coupons/" + couponId + "/issues", "{\"userId\":1}", Map.of()));
        // wrong methods
        cases.add(plain("DELETE", stockPath(sku)));
        cases.add(plain("POST", stockPath(sku)));
        cases.add(plain("DELETE", pricePath(sku)));
        cases.add(plain("POST", pricePath(sku)));
        cases.add(plain("PATCH", pricePath(sku)));
        cases.add(plain("PUT", "/api/v1/reservations/" + reservationId));
        cases.add(plain("DELETE", "/api/v1/coupons/" + couponId));
        cases.add(plain("GET", "/api/v1/reservations/" + reservationId + "/confirm"));
        cases.add(plain("PUT", "/api/v1/payments/" + paymentId));
        cases.add(plain("GET", "/api/v1/payments"));
        return cases;
    }

    /** Every mutation of one JSON body: syntax, top level, media type, size, and each field's value. */
    private void bodyCases(List<Case> cases, String method, String path, Map<String, String> headers, String template,
            List<Field> fields) {
        Function<String, Case> withBody = body -> body.equals(template) ? null : headers == null
                ? payment("body " + abbreviate(body), freshKey(), body)
                : json(method, path, body, headers);
        // broken JSON
        List<String> broken = new ArrayList<>(List.of(
                template.substring(0, template.length() - 1), template.substring(0, template.length() / 2),
                template.substring(1), template + "x", template + "}", template + "{}", template + template,
                template.replaceFirst("\\{", "{{"), template.replaceFirst("\\{", "["), template.replace("\"", "'"),
                template.replaceFirst(":", "="), template.replaceFirst("\"", ""), template.replaceFirst(",", ",,"),
                template.replaceFirst("\\{", "{/* comment */"), "{", "}", "[", "{\"", "{}}", "\u0000", ""));
        if (template.contains("[")) {
            broken.add(template.replaceFirst("]", ""));
            broken.add(template.replaceFirst("\\[", "[["));
        }
        // well formed, but not an object of the right shape
        broken.addAll(List.of("[]", "null", "\"text\"", "42", "true", "[" + template + "]", "   ", "\n"));
        if (!fields.stream().allMatch(Field::optional)) {
            broken.add("{}");
        }
        for (String body : broken) {
            add(cases, withBody.apply(body));
        }
        // an unknown field
        add(cases, withBody.apply(template.replaceFirst("\\{", "{\"unknownField\":1,")));
        // each field missing, and every wrong value for it
        for (Field field : fields) {
            if (!field.optional()) {
                add(cases, withBody.apply(without(template, field.name())));
            }
            for (String value : field.kind().wrongValues()) {
                if (!(value.equals("0") && field.zeroAllowed()) && !(value.equals("null") && field.optional())) {
                    add(cases, withBody.apply(with(template, field.name(), value)));
                }
            }
            if (field.overMaximum() != null) {
                add(cases, withBody.apply(with(template, field.name(), field.overMaximum())));
            }
        }
        // media types and sizes
        for (String contentType : new String[] {"text/plain", "application/xml", null,
                "application/x-www-form-urlencoded", "application/json-patch+json"}) {
            Map<String, String> h = headers == null ? Map.of("Idempotency-Key", freshKey()) : headers;
            cases.add(new Case("Content-Type " + contentType, method, path, contentType, utf8(template), h, false));
        }
        String oversized = template.replaceFirst("\\{", "{\"padding\":\"" + "x".repeat(70 * 1024) + "\",");
        Map<String, String> h = headers == null ? Map.of("Idempotency-Key", freshKey()) : headers;
        cases.add(new Case("oversized", method, path, "application/json", utf8(oversized), h, false));
        cases.add(new Case("oversized chunked", method, path, "application/json", utf8(oversized), h, true));
    }

    /** A mutation that happens to leave the template as it was is not a malformed request: skipped. */
    private static void add(List<Case> cases, Case c) {
        if (c != null) {
            cases.add(c);
        }
    }

    private Case payment(String name, String key, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", key);
        return new Case("payment " + name, "POST", "/api/v1/payments", "application/json", utf8(body), headers, false);
    }

    private static Case json(String method, String path, String body, Map<String, String> headers) {
        return new Case(abbreviate(body), method, path, "application/json", utf8(body), headers, false);
    }

    private static Case plain(String method, String path) {
        return new Case("", method, path, null, null, Map.of(), false);
    }

    private static String freshKey() {
        return "bad-input-" + UUID.randomUUID();
    }

    private static String with(String template, String path, String rawValue) {
        JsonNode root = ApiClient.JSON.readTree(template);
        String[] steps = path.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < steps.length - 1; i++) {
            parent = parent instanceof ArrayNode array ? array.get(Integer.parseInt(steps[i])) : parent.get(steps[i]);
        }
        ((ObjectNode) parent).set(steps[steps.length - 1], ApiClient.JSON.readTree(rawValue));
        return ApiClient.JSON.writeValueAsString(root);
    }

    private static String without(String template, String path) {
        JsonNode root = ApiClient.JSON.readTree(template);
        String[] steps = path.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < steps.length - 1; i++) {
            parent = parent instanceof ArrayNode array ? array.get(Integer.parseInt(steps[i])) : parent.get(steps[i]);
        }
        ((ObjectNode) parent).remove(steps[steps.length - 1]);
        return ApiClient.JSON.writeValueAsString(root);
    }

    private static String replace(String template, String field, String rawValue) {
        return with(template, field, rawValue);
    }

    /** A body field: its JSON kind, a value just over its maximum, and whether 0 is a valid value. */
    private record Field(String name, Kind kind, String overMaximum, boolean zeroAllowed, boolean optional) {

        Field(String name, Kind kind, String overMaximum, boolean zeroAllowed) {
            this(name, kind, overMaximum, zeroAllowed, false);
        }
    }

    private enum Kind {
        NUMBER(List.of("\"100\"", "\"abc\"", "\"\"", "true", "false", "null", "{}", "{\"value\":1}", "[]", "[1]",
                "1.5", "1.0", "1e20", "9223372036854775808", "-9223372036854775809", "-1", "0",
                "100000000000000000000000000000000000000")),
        STRING(List.of("123", "1.5", "true", "null", "{}", "{\"value\":\"a\"}", "[]", "[\"a\"]", "\"\"", "\"   \"",
                "\"" + "s".repeat(101) + "\"", "\"" + "s".repeat(10_000) + "\"", "\"a\\u0000b\"", "\"a\\u0001b\"",
                "\"a\\nb\"", "\"\\u007f\"")),
        ARRAY(List.of("[]", "null", "{}", "\"lines\"", "1", "true", "[null]", "[1]", "[\"a\"]", "[[]]", "[{}]"));

        private final List<String> wrongValues;

        Kind(List<String> wrongValues) {
            this.wrongValues = wrongValues;
        }

        List<String> wrongValues() {
            return wrongValues;
        }
    }

    // ---------------------------------------------------------------- raw HTTP

    private record Case(String name, String method, String path, String contentType, byte[] body,
            Map<String, String> headers, boolean chunked) {

        @Override
        public String toString() {
            return method + " " + abbreviate(path) + " [" + name + "; Content-Type " + contentType + "; headers "
                    + headers.keySet() + (body == null ? "" : "; " + body.length + " bytes") + (chunked ? " chunked" : "")
                    + "]";
        }
    }

    private record Answer(int status, String contentType, String body) {

        String problemCode() {
            try {
                return ApiClient.JSON.readTree(body).path("code").asString("-");
            } catch (RuntimeException e) {
                return "-";
            }
        }

        /** Why this answer is not a 4xx problem with a code, or null when it is. */
        String failure() {
            if (status < 400 || status >= 500) {
                return "not a 4xx";
            }
            if (status == 401 || status == 403) {
                return "refused for its credentials, not for its input";
            }
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
                return "not application/problem+json";
            }
            JsonNode problem;
            try {
                problem = ApiClient.JSON.readTree(body);
            } catch (RuntimeException e) {
                return "body is not JSON";
            }
            if (!UPPER_SNAKE.matcher(problem.path("code").asString("")).matches()) {
                return "no upper-snake-case code";
            }
            if (problem.path("status").asInt(-1) != status) {
                return "status property differs";
            }
            return null;
        }
    }

    private Answer send(Case c) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder()
                    .append(c.method()).append(' ').append(c.path()).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Connection: close\r\n");
            if (c.contentType() != null) {
                head.append("Content-Type: ").append(c.contentType()).append("\r\n");
            }
            c.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            // as an administrator, so that each request is refused for its input, not for who sent it
            head.append("Authorization: Bearer ").append(Tokens.administrator()).append("\r\n");
            if (c.chunked()) {
                head.append("Transfer-Encoding: chunked\r\n");
            } else {
                head.append("Content-Length: ").append(c.body() == null ? 0 : c.body().length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                if (c.body() != null && c.chunked()) {
                    for (int offset = 0; offset < c.body().length; offset += 8192) {
                        int length = Math.min(8192, c.body().length - offset);
                        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(c.body(), offset, length);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else if (c.body() != null) {
                    out.write(c.body());
                }
                out.flush();
            } catch (IOException e) {
                // the server may answer (413) and close before it has read everything: read what it said
            }
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(c + " failed: " + e, e);
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (IOException e) {
            if (all.size() == 0) {
                throw e;
            }
        }
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] raw = all.toByteArray();
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers.get("content-type"), new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int position = 0;
        while (position < chunked.length) {
            int lineEnd = position;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String size = new String(chunked, position, lineEnd - position, StandardCharsets.US_ASCII).split(";")[0].trim();
            int length = Integer.parseInt(size, 16);
            if (length == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, length);
            position = lineEnd + 2 + length + 2;
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- the database

    private static String stockPath(String sku) {
        return "/api/v1/products/" + sku + "/stock";
    }

    private static String pricePath(String sku) {
        return "/api/v1/products/" + sku + "/price";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String describe(String key) {
        return key.length() > 20 ? key.length() + " chars" : "'" + key.replace("\t", "\\t") + "'";
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "...(" + text.length() + " chars)" : printable;
    }
}
