package dev.commerce.fullstack.order;

import static dev.commerce.fullstack.order.OrderTestSupport.body;
import static dev.commerce.fullstack.order.OrderTestSupport.eventually;
import static dev.commerce.fullstack.order.OrderTestSupport.newKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import dev.commerce.fullstack.FullStackTest.InvariantsCheckedAfterEachTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order module's metrics as Prometheus scrapes them (docs/order.md, "Metrics"): a checkout, its
 * payment and a replay, two refusals (one after the stock was reserved, so it compensates), and a
 * cancel, each counted once under its outcome; the checkout endpoints in the HTTP histogram.
 */
@InvariantsCheckedAfterEachTest
class OrderMetricsIT extends FullStackTest {

    private static final long BUYER = 4848;

    private static final String PLACED = "orders_placed_total{outcome=\"placed\"}";
    private static final String INSUFFICIENT_STOCK = "orders_placed_total{outcome=\"insufficient_stock\"}";
    private static final String COUPON_NOT_HELD = "orders_placed_total{outcome=\"coupon_not_held\"}";
    private static final String PAID = "orders_payments_total{outcome=\"paid\"}";
    private static final String PAY_REPLAYED = "orders_payments_total{outcome=\"replayed\"}";
    private static final String NOT_PAYABLE = "orders_payments_total{outcome=\"not_payable\"}";
    private static final String TO_PAID = "orders_transitions_total{to=\"PAID\"}";
    private static final String TO_CANCELLED = "orders_transitions_total{to=\"CANCELLED\"}";
    private static final String RELEASED_AFTER_FAILED_PLACE =
            "orders_compensations_total{kind=\"reservation_released\",outcome=\"done\",trigger=\"place_failed\"}";
    private static final String RELEASED_AFTER_CANCEL =
            "orders_compensations_total{kind=\"reservation_released\",outcome=\"done\",trigger=\"order_cancelled\"}";
    private static final List<String> COUNTED = List.of(PLACED, INSUFFICIENT_STOCK, COUPON_NOT_HELD, PAID,
            PAY_REPLAYED, NOT_PAYABLE, TO_PAID, TO_CANCELLED, RELEASED_AFTER_FAILED_PLACE, RELEASED_AFTER_CANCEL);

    private OrderTestSupport orders;

    @BeforeEach
    void setUp() {
        orders = new OrderTestSupport(port, jdbc);
    }

    @Test
    void every_series_is_there_before_any_order_with_its_tags() {
        String metrics = scrape();

        assertThat(metrics).contains(COUNTED);
        assertThat(metrics).contains(
                "orders_placed_total{outcome=\"price_not_set\"}",
                "orders_placed_total{outcome=\"product_not_found\"}",
                "orders_placed_total{outcome=\"coupon_already_redeemed\"}",
                "orders_placed_total{outcome=\"replayed\"}",
                "orders_payments_total{outcome=\"declined\"}",
                "orders_payments_total{outcome=\"in_progress\"}",
                "orders_payments_total{outcome=\"gateway_unavailable\"}",
                "orders_payments_total{outcome=\"gateway_timeout\"}",
                "orders_transitions_total{to=\"EXPIRED\"}",
                "orders_compensations_total{kind=\"coupon_released\",outcome=\"done\",trigger=\"place_failed\"}",
                "orders_compensations_total{kind=\"coupon_released\",outcome=\"failed\",trigger=\"order_expired\"}",
                "orders_compensations_total{kind=\"reservation_released\",outcome=\"done\",trigger=\"order_expired\"}");
    }

    @Test
    void place_pay_refusals_and_cancel_are_each_counted_once_under_their_outcome() {
        Map<String, Double> before = values(scrape());
        String sku = orders.product(3, 2_000);

        Response placed = orders.place(BUYER, newKey(), body(sku, 1));
        String id = placed.json().path("id").asString();
        String payKey = newKey();
        Response paid = orders.pay(BUYER, id, payKey);
        Response replayed = orders.pay(BUYER, id, payKey);
        Response notPayable = orders.pay(BUYER, id, newKey());
        Response tooMany = orders.place(BUYER, newKey(), body(sku, 5));
        Response notHeld = orders.place(BUYER, newKey(),
                Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)), "couponId", "no-such-coupon"));
        String cancelledId = orders.place(BUYER, newKey(), body(sku, 1)).json().path("id").asString();
        Response cancelled = orders.cancel(BUYER, cancelledId);

        assertThat(placed.status()).isEqualTo(201);
        assertThat(paid.status()).isEqualTo(201);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(notPayable.code()).isEqualTo("ORDER_NOT_PAYABLE");
        assertThat(tooMany.code()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(notHeld.code()).isEqualTo("COUPON_NOT_HELD");
        assertThat(cancelled.status()).isEqualTo(200);
        // the cancel's release runs in the listener, after the commit
        eventually(() -> orders.reservationStatus(cancelledId), "CANCELLED");
        eventually(() -> increase(before, RELEASED_AFTER_CANCEL), 1.0);

        Map<String, Double> after = values(scrape());
        Map<String, Double> expected = Map.of(PLACED, 2.0, INSUFFICIENT_STOCK, 1.0, COUPON_NOT_HELD, 1.0,
                PAID, 1.0, PAY_REPLAYED, 1.0, NOT_PAYABLE, 1.0, TO_PAID, 1.0, TO_CANCELLED, 1.0,
                RELEASED_AFTER_FAILED_PLACE, 1.0, RELEASED_AFTER_CANCEL, 1.0);
        expected.forEach((series, increase) ->
                assertThat(after.get(series) - before.get(series)).as(series).isEqualTo(increase));
    }

    @Test
    void checkout_latency_is_in_the_http_histogram_under_the_two_order_endpoints() {
        String sku = orders.product(1, 1_000);
        String id = orders.place(BUYER, newKey(), body(sku, 1)).json().path("id").asString();
        assertThat(orders.pay(BUYER, id, newKey()).status()).isEqualTo(201);

        List<String> buckets = scrape().lines().filter(line -> line.startsWith("http_server_requests_seconds_bucket{"))
                .toList();

        assertThat(buckets).anySatisfy(line -> assertThat(line).contains("uri=\"/api/v1/orders\"", "method=\"POST\""));
        assertThat(buckets).anySatisfy(line -> assertThat(line)
                .contains("uri=\"/api/v1/orders/{id}/payment\"", "method=\"POST\""));
    }

    private double increase(Map<String, Double> before, String series) {
        return values(scrape()).get(series) - before.get(series);
    }

    /** {@code /actuator/prometheus}, as the administrator. */
    private String scrape() {
        Response response = orders.admin.get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    /** The value of each counted series in a scrape. */
    private static Map<String, Double> values(String metrics) {
        Map<String, Double> values = new java.util.HashMap<>();
        for (String line : metrics.lines().toList()) {
            for (String series : COUNTED) {
                if (line.startsWith(series + " ")) {
                    values.put(series, Double.parseDouble(line.substring(series.length() + 1).trim()));
                }
            }
        }
        assertThat(values.keySet()).as("series scraped").containsExactlyInAnyOrderElementsOf(COUNTED);
        return values;
    }
}
