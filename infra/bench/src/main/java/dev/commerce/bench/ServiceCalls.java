package dev.commerce.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The administrator's calls that prepare a row: stock, prices, coupons, completed payments. */
final class ServiceCalls {

    static final long PLENTY = 1_000_000_000L;
    static final int COUPON_PLENTY = 10_000_000; // the largest total the API accepts
    static final long CHECKOUT_PRICE = 1_000;

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ServiceCalls() {
    }

    static String newSku(String service, String prefix) throws Exception {
        return createSku(service, prefix + "-" + UUID.randomUUID());
    }

    /** A SKU with {@link #PLENTY} units on hand. */
    static String createSku(String service, String sku) throws Exception {
        expect(200, "create " + sku, put(service, "/api/v1/products/" + sku + "/stock", "{\"onHand\": " + PLENTY + "}"));
        return sku;
    }

    /** {@code count} SKUs named {@code prefix<i>}, each with plenty of stock and a price. */
    static List<String> pricedSkus(String service, String prefix, int count) throws Exception {
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String sku = createSku(service, prefix + i);
            expect(200, "price " + sku, put(service, "/api/v1/products/" + sku + "/price",
                    "{\"price\": " + CHECKOUT_PRICE + ", \"currency\": \"KRW\"}"));
            skus.add(sku);
        }
        return skus;
    }

    /** A coupon that does not sell out within a run ({@link #COUPON_PLENTY} copies); its id. */
    static String createCoupon(String service, String name) throws Exception {
        return created(post(service, "/api/v1/coupons", "{\"name\": \"" + name + "\", \"totalQuantity\": "
                + COUPON_PLENTY + "}", Map.of()));
    }

    /** A completed payment with this key (its body derived from the key, as the load generators send it). */
    static void pay(String service, String key) throws Exception {
        created(post(service, "/api/v1/payments", ChargePaymentSimulation.body(key), Map.of("Idempotency-Key", key)));
    }

    static HttpResponse<String> post(String service, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service + path))
                .header("Content-Type", "application/json")
                .header("Authorization", BenchTokens.AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> put(String service, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service + path))
                .header("Content-Type", "application/json")
                .header("Authorization", BenchTokens.AUTHORIZATION)
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(int status, String what, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("could not " + what + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** The id of a 201 answer. */
    static String created(HttpResponse<String> response) {
        Matcher id = ID.matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("expected 201 with an id, got " + response.statusCode() + " " + response.body());
        }
        return id.group(1);
    }
}
