package dev.commerce.fullstack.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient;
import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import dev.commerce.inventory.ExpireReservationsCommand;
import dev.commerce.inventory.ExpireReservationsUseCase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The inventory contract of API.md, end to end on real PostgreSQL. */
class InventoryApiIT extends FullStackTest {

    @Autowired
    ExpireReservationsUseCase expireReservations;

    /** A buyer, for the calls any caller may make. */
    private static final long BUYER = 4_201;

    @Test
    void setting_stock_creates_the_sku_and_reading_it_shows_available() {
        String sku = "sku-" + UUID.randomUUID();

        Response put = api.put(stockPath(sku), Map.of("onHand", 100));
        Response get = api.get(stockPath(sku));

        assertThat(put.status()).isEqualTo(200);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json().path("sku").asString()).isEqualTo(sku);
        assertThat(get.json().path("onHand").asLong()).isEqualTo(100);
        assertThat(get.json().path("reserved").asLong()).isZero();
        assertThat(get.json().path("available").asLong()).isEqualTo(100);
    }

    @Test
    void unknown_sku_and_reservation_are_404_problems() {
        assertThat(api.get(stockPath("no-such-sku-" + UUID.randomUUID())).code()).isEqualTo("PRODUCT_NOT_FOUND");
        assertThat(api.get("/api/v1/reservations/" + UUID.randomUUID()).code()).isEqualTo("RESERVATION_NOT_FOUND");
        Response reserveUnknown = reserve("o-x", "no-such-sku-" + UUID.randomUUID(), 1);
        assertThat(reserveUnknown.status()).isEqualTo(404);
        assertThat(reserveUnknown.code()).isEqualTo("PRODUCT_NOT_FOUND");
    }

    @Test
    void a_reservation_is_created_pending_with_location_and_expiry() {
        String sku = newSku(10);

        Response created = reserve("o-1", sku, 3);

        assertThat(created.status()).isEqualTo(201);
        JsonNode view = created.json();
        assertThat(view.path("status").asString()).isEqualTo("PENDING");
        assertThat(view.path("orderId").asString()).isEqualTo("o-1");
        assertThat(view.path("lines").get(0).path("sku").asString()).isEqualTo(sku);
        assertThat(view.path("lines").get(0).path("quantity").asInt()).isEqualTo(3);
        Instant expiresAt = Instant.parse(view.path("expiresAt").asString());
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofMinutes(9)), Instant.now().plus(Duration.ofMinutes(11)));
        assertThat(created.header("Location")).isEqualTo("/api/v1/reservations/" + view.path("id").asString());
        assertThat(api.get(created.header("Location")).json()).isEqualTo(view);
        assertThat(stock(sku)).containsExactly(10, 3);
    }

    @Test
    void all_lines_or_none_when_one_line_is_short() {
        String plenty = newSku(10);
        String scarce = newSku(1);

        Response response = api.post("/api/v1/reservations", Map.of("orderId", "o-2", "lines", List.of(
                Map.of("sku", plenty, "quantity", 5), Map.of("sku", scarce, "quantity", 2))));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(stock(plenty)).containsExactly(10, 0);
        assertThat(stock(scarce)).containsExactly(1, 0);
    }

    @Test
    void confirming_drops_on_hand_and_reserved_and_a_second_confirm_is_a_409_without_movement() {
        String sku = newSku(10);
        String id = reserve("o-3", sku, 4).json().path("id").asString();

        Response first = api.post("/api/v1/reservations/" + id + "/confirm", Map.of());
        Response second = api.post("/api/v1/reservations/" + id + "/confirm", Map.of());
        Response cancelAfter = api.post("/api/v1/reservations/" + id + "/cancel", Map.of());

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("RESERVATION_NOT_PENDING");
        assertThat(cancelAfter.code()).isEqualTo("RESERVATION_NOT_PENDING");
        assertThat(stock(sku)).containsExactly(6, 0);
    }

    @Test
    void cancelling_returns_stock_and_a_second_cancel_is_a_409_without_movement() {
        String sku = newSku(10);
        String id = reserve("o-4", sku, 4).json().path("id").asString();

        Response first = api.post("/api/v1/reservations/" + id + "/cancel", Map.of());
        Response second = api.post("/api/v1/reservations/" + id + "/cancel", Map.of());

        assertThat(first.json().path("status").asString()).isEqualTo("CANCELLED");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("RESERVATION_NOT_PENDING");
        assertThat(stock(sku)).containsExactly(10, 0);
    }

    @Test
    void on_hand_below_reserved_is_refused() {
        String sku = newSku(10);
        reserve("o-5", sku, 6);

        Response response = api.put(stockPath(sku), Map.of("onHand", 5));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("STOCK_BELOW_RESERVED");
        assertThat(stock(sku)).containsExactly(10, 6);
    }

    @Test
    void an_overdue_reservation_expires_once_and_returns_its_stock_once() {
        String sku = newSku(10);
        String id = reserve("o-6", sku, 4).json().path("id").asString();
        makeOverdue(id);

        int firstRun = expireReservations.expireOverdue(ExpireReservationsCommand.asOf(Instant.now()));
        int secondRun = expireReservations.expireOverdue(ExpireReservationsCommand.asOf(Instant.now()));

        assertThat(firstRun).isGreaterThanOrEqualTo(1);
        assertThat(secondRun).isZero();
        assertThat(api.get("/api/v1/reservations/" + id).json().path("status").asString()).isEqualTo("EXPIRED");
        assertThat(stock(sku)).containsExactly(10, 0);
        assertThat(api.post("/api/v1/reservations/" + id + "/confirm", Map.of()).code())
                .isEqualTo("RESERVATION_NOT_PENDING");
        assertThat(stock(sku)).containsExactly(10, 0);
    }

    @Test
    void the_scheduled_sweep_expires_overdue_reservations_by_itself() throws InterruptedException {
        String sku = newSku(10);
        String id = reserve("o-7", sku, 2).json().path("id").asString();
        makeOverdue(id);

        // the sweep runs every 5 s by default; poll its effect for a bounded time
        String status = "PENDING";
        for (int attempt = 0; attempt < 60 && status.equals("PENDING"); attempt++) {
            Thread.sleep(250);
            status = jdbc.queryForObject("select status from inventory.reservation where id = ?", String.class, id);
        }

        assertThat(status).isEqualTo("EXPIRED");
        assertThat(stock(sku)).containsExactly(10, 0);
    }

    @Test
    void malformed_requests_are_400_problems_and_change_nothing() {
        String sku = newSku(10);
        Long reservationsBefore = jdbc.queryForObject("select count(*) from inventory.reservation", Long.class);
        List<String> badReservations = List.of(
                "{\"orderId\": \"o-bad\", \"lines\": [",
                "{\"orderId\": \"o-bad\"}",
                "{\"orderId\": \"o-bad\", \"lines\": []}",
                "{\"orderId\": \"o-bad\", \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 0}]}",
                "{\"orderId\": \"o-bad\", \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": -1}]}",
                "{\"orderId\": \"o-bad\", \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 99999999999}]}",
                "{\"orderId\": \"o-bad\", \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1.5}]}",
                "{\"orderId\": \"o-bad\", \"lines\": [{\"sku\": \"" + sku + "\"}]}",
                "{\"orderId\": \"o-bad\", \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1, \"extra\": true}]}",
                "{\"orderId\": \"\", \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}",
                "{\"orderId\": \"" + "o".repeat(101) + "\", \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}",
                "{\"orderId\": 42, \"lines\": {\"sku\": \"" + sku + "\"}}",
                "[]",
                "null");

        for (String body : badReservations) {
            Response response = api.send("POST", "/api/v1/reservations", "application/json", body, Map.of());
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.code()).as(body).isEqualTo("INVALID_REQUEST");
        }
        for (String body : List.of("{}", "{\"onHand\": -1}", "{\"onHand\": \"ten\"}", "{\"onHand\": 1.5}",
                "{\"onHand\": 10, \"reserved\": 3}", "{\"onHand\": 1, \"onHand\": 2}", "{\"onHand\": 99999999999999999999}", "not json")) {
            Response response = api.send("PUT", stockPath(sku), "application/json", body, Map.of());
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.code()).as(body).isEqualTo("INVALID_REQUEST");
        }
        Response wrongType = api.send("PUT", stockPath(sku), "text/plain", "{\"onHand\": 1}", Map.of());

        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(stock(sku)).containsExactly(10, 0);
        assertThat(jdbc.queryForObject("select count(*) from inventory.reservation", Long.class))
                .isEqualTo(reservationsBefore);
    }

    @Test
    void a_stock_row_locked_past_the_lock_timeout_is_a_503_lock_timeout_with_retry_after() throws Exception {
        String sku = newSku(10);
        try (java.sql.Connection holder = jdbc.getDataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("select sku from inventory.stock where sku = ? for update")) {
                lock.setString(1, sku);
                lock.executeQuery().close();
            }

            Response response = reserve("o-locked", sku, 1);

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.code()).isEqualTo("LOCK_TIMEOUT");
            assertThat(response.header("Retry-After")).isEqualTo("1");
            holder.rollback();
        }
        assertThat(stock(sku)).containsExactly(10, 0);
    }

    @Test
    void a_price_is_set_and_read_back_and_creates_an_unknown_sku_with_no_stock() {
        String sku = "sku-" + UUID.randomUUID();

        Response put = api.put(pricePath(sku), Map.of("price", 15000, "currency", "KRW"));
        Response get = api.as(BUYER).get(pricePath(sku));

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json()).isEqualTo(ApiClient.JSON.readTree(
                "{\"sku\":\"" + sku + "\",\"price\":15000,\"currency\":\"KRW\"}"));
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json()).isEqualTo(put.json());
        assertThat(stock(sku)).containsExactly(0, 0);
        assertThat(api.get(stockPath(sku)).json().path("available").asLong()).isZero();
        Response changed = api.put(pricePath(sku), Map.of("price", 0, "currency", "USD"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(api.get(pricePath(sku)).json().path("price").asLong()).isZero();
        assertThat(api.get(pricePath(sku)).json().path("currency").asString()).isEqualTo("USD");
        assertThat(price(sku)).isEqualTo("0 USD");
    }

    @Test
    void price_and_stock_are_independent() {
        String sku = newSku(10);
        String reservation = reserve("o-price", sku, 4).json().path("id").asString();

        assertThat(api.put(pricePath(sku), Map.of("price", 15000, "currency", "KRW")).status()).isEqualTo(200);

        assertThat(stock(sku)).containsExactly(10, 4);
        assertThat(api.get("/api/v1/reservations/" + reservation).json().path("status").asString()).isEqualTo("PENDING");
        assertThat(api.put(stockPath(sku), Map.of("onHand", 20)).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/reservations/" + reservation + "/confirm", Map.of()).status()).isEqualTo(200);
        assertThat(stock(sku)).containsExactly(16, 0);
        assertThat(price(sku)).isEqualTo("15000 KRW");
        assertThat(api.get(pricePath(sku)).json().path("price").asLong()).isEqualTo(15000);
    }

    @Test
    void the_price_of_an_unknown_sku_and_of_a_sku_without_one_is_a_404_product_not_found() {
        Response unknown = api.get(pricePath("no-such-sku-" + UUID.randomUUID()));
        Response unpriced = api.as(BUYER).get(pricePath(newSku(10)));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("PRODUCT_NOT_FOUND");
        assertThat(unpriced.status()).isEqualTo(404);
        assertThat(unpriced.code()).isEqualTo("PRODUCT_NOT_FOUND");
    }

    @Test
    void a_buyer_reads_a_price_but_setting_one_is_403_and_changes_nothing() {
        String priced = "sku-" + UUID.randomUUID();
        api.put(pricePath(priced), Map.of("price", 15000, "currency", "KRW"));
        String absent = "sku-" + UUID.randomUUID();
        ApiClient buyer = api.as(BUYER);

        Response change = buyer.put(pricePath(priced), Map.of("price", 1, "currency", "KRW"));
        Response create = buyer.put(pricePath(absent), Map.of("price", 1, "currency", "KRW"));

        assertThat(change.status()).isEqualTo(403);
        assertThat(change.code()).isEqualTo("FORBIDDEN");
        assertThat(create.status()).isEqualTo(403);
        assertThat(buyer.get(pricePath(priced)).json().path("price").asLong()).isEqualTo(15000);
        assertThat(price(priced)).isEqualTo("15000 KRW");
        assertThat(jdbc.queryForObject("select count(*) from inventory.stock where sku = ?", Long.class, absent)).isZero();
    }

    @Test
    void malformed_price_requests_are_400_problems_and_change_nothing() {
        String priced = "sku-" + UUID.randomUUID();
        api.put(pricePath(priced), Map.of("price", 15000, "currency", "KRW"));
        String unpriced = newSku(10);
        String absent = "sku-" + UUID.randomUUID();
        List<String> badBodies = List.of("{}", "{\"price\": 100}", "{\"currency\": \"KRW\"}",
                "{\"price\": -1, \"currency\": \"KRW\"}", "{\"price\": 1000000000001, \"currency\": \"KRW\"}",
                "{\"price\": \"100\", \"currency\": \"KRW\"}", "{\"price\": 1.5, \"currency\": \"KRW\"}",
                "{\"price\": 100.0, \"currency\": \"KRW\"}", "{\"price\": 1e3, \"currency\": \"KRW\"}",
                "{\"price\": 99999999999999999999, \"currency\": \"KRW\"}", "{\"price\": null, \"currency\": \"KRW\"}",
                "{\"price\": true, \"currency\": \"KRW\"}", "{\"price\": 100, \"currency\": \"krw\"}",
                "{\"price\": 100, \"currency\": \"KR\"}", "{\"price\": 100, \"currency\": \"KRWX\"}",
                "{\"price\": 100, \"currency\": 410}", "{\"price\": 100, \"currency\": null}",
                "{\"price\": 100, \"currency\": \"KRW\", \"discount\": 5}",
                "{\"price\": 100, \"price\": 200, \"currency\": \"KRW\"}", "[]", "null", "not json");

        for (String sku : List.of(priced, unpriced, absent)) {
            for (String body : badBodies) {
                Response response = api.send("PUT", pricePath(sku), "application/json", body, Map.of());
                assertThat(response.status()).as(sku + " " + body).isEqualTo(400);
                assertThat(response.code()).as(sku + " " + body).isEqualTo("INVALID_REQUEST");
            }
        }
        Response wrongType = api.send("PUT", pricePath(absent), "text/plain", "{\"price\": 1, \"currency\": \"KRW\"}",
                Map.of());
        Response badSku = api.send("PUT", pricePath("x".repeat(101)), "application/json",
                "{\"price\": 1, \"currency\": \"KRW\"}", Map.of());

        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(badSku.status()).isEqualTo(400);
        assertThat(badSku.code()).isEqualTo("INVALID_REQUEST");
        assertThat(price(priced)).isEqualTo("15000 KRW");
        assertThat(price(unpriced)).isNull();
        assertThat(stock(unpriced)).containsExactly(10, 0);
        assertThat(jdbc.queryForObject("select count(*) from inventory.stock where sku in (?, ?)", Long.class,
                absent, "x".repeat(101))).isZero();
    }

    @Test
    void changing_a_price_does_not_wait_for_a_stock_row_a_reservation_holds_locked() throws Exception {
        String sku = newSku(10);
        assertThat(api.put(pricePath(sku), Map.of("price", 15000, "currency", "KRW")).status()).isEqualTo(200);
        try (java.sql.Connection holder = jdbc.getDataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("select sku from inventory.stock where sku = ? for update")) {
                lock.setString(1, sku);
                lock.executeQuery().close();
            }

            Response changed = api.put(pricePath(sku), Map.of("price", 16000, "currency", "KRW"));
            Response read = api.as(BUYER).get(pricePath(sku));

            // the holder never lets go: a change that queued for the row would be a 503 LOCK_TIMEOUT
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            assertThat(read.json().path("price").asLong()).isEqualTo(16000);
            holder.rollback();
        }
        assertThat(price(sku)).isEqualTo("16000 KRW");
        assertThat(stock(sku)).containsExactly(10, 0);
    }

    private void makeOverdue(String reservationId) {
        // as if placed eleven minutes ago: past its ten-minute lifetime
        jdbc.update("update inventory.reservation set created_at = created_at - interval '11 minutes',"
                + " expires_at = expires_at - interval '11 minutes' where id = ?", reservationId);
    }

    private Response reserve(String orderId, String sku, int quantity) {
        return api.post("/api/v1/reservations",
                Map.of("orderId", orderId, "lines", List.of(Map.of("sku", sku, "quantity", quantity))));
    }

    private String newSku(int onHand) {
        String sku = "sku-" + UUID.randomUUID();
        assertThat(api.put(stockPath(sku), Map.of("onHand", onHand)).status()).isEqualTo(200);
        return sku;
    }

    private static String stockPath(String sku) {
        return "/api/v1/products/" + sku + "/stock";
    }

    private static String pricePath(String sku) {
        return "/api/v1/products/" + sku + "/price";
    }

    /** The stored price as "amount currency", or null when the SKU has none. */
    private String price(String sku) {
        return jdbc.query("select price || ' ' || currency from inventory.product_price where sku = ?",
                rs -> rs.next() ? rs.getString(1) : null, sku);
    }

    private long[] stock(String sku) {
        return jdbc.queryForObject("select on_hand, reserved from inventory.stock where sku = ?",
                (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}, sku);
    }
}
