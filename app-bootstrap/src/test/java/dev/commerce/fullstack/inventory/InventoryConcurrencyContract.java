package dev.commerce.fullstack.inventory;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.Tokens;
import dev.commerce.testing.ConcurrentRun;
import dev.commerce.fullstack.ApiClient;
import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.ReserveStockCommand;
import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.shared.Caller;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reservations through HTTP against real PostgreSQL, all workers started at once; outcomes are
 * counted by code and the truth is read back from the database. Every inventory strategy
 * ({@code commerce.inventory.strategy}) runs these same tests through a subclass.
 */
abstract class InventoryConcurrencyContract extends FullStackTest {

    @Autowired
    ReserveStockUseCase reserveStock;

    @Test
    void one_hundred_concurrent_buyers_of_one_hundred_items_all_succeed() {
        String sku = newSku(100);

        Map<String, Long> outcomes = reserveConcurrently(100, sku, 1);

        assertThat(outcomes).containsExactly(Map.entry("OK", 100L));
        assertStockInDatabase(sku, 100, 100);
        assertThat(pendingUnits(sku)).isEqualTo(100);
    }

    @Test
    void the_hundred_and_first_buyer_gets_insufficient_stock() {
        String sku = newSku(100);

        Map<String, Long> outcomes = reserveConcurrently(101, sku, 1);

        assertThat(outcomes).containsOnly(Map.entry("OK", 100L), Map.entry("INSUFFICIENT_STOCK", 1L));
        assertStockInDatabase(sku, 100, 100);
        assertThat(pendingUnits(sku)).isEqualTo(100);
    }

    @Test
    void a_thousand_buyers_of_one_hundred_items_give_exactly_one_hundred_reservations() {
        String sku = newSku(100);

        Map<String, Long> outcomes = reserveConcurrently(1000, sku, 1);

        assertThat(outcomes).containsOnly(Map.entry("OK", 100L), Map.entry("INSUFFICIENT_STOCK", 900L));
        assertStockInDatabase(sku, 100, 100);
        assertThat(pendingUnits(sku)).isEqualTo(100);
    }

    @Test
    void multi_line_reservations_in_opposite_sku_orders_neither_deadlock_nor_split() {
        String a = newSku(150);
        String b = newSku(150);

        Tokens.mintBuyers(10_000L, 200);
        List<Response> responses = ConcurrentRun.results(200, worker -> buyer(worker).post("/api/v1/reservations", Map.of(
                "orderId", "o-" + worker,
                "lines", worker % 2 == 0
                        ? List.of(Map.of("sku", a, "quantity", 1), Map.of("sku", b, "quantity", 1))
                        : List.of(Map.of("sku", b, "quantity", 1), Map.of("sku", a, "quantity", 1)))));
        Map<String, Long> outcomes = countByCode(responses);

        // 150 units of each, two units per order of one each: exactly 150 orders fit
        assertThat(outcomes).containsOnly(Map.entry("OK", 150L), Map.entry("INSUFFICIENT_STOCK", 50L));
        assertStockInDatabase(a, 150, 150);
        assertStockInDatabase(b, 150, 150);
        assertThat(pendingUnits(a)).isEqualTo(150);
        assertThat(pendingUnits(b)).isEqualTo(150);
    }

    @Test
    void concurrent_confirms_and_cancels_of_one_reservation_move_stock_once() {
        String sku = newSku(10);
        String id = api.post("/api/v1/reservations", Map.of("orderId", "o-race",
                "lines", List.of(Map.of("sku", sku, "quantity", 4)))).json().path("id").asString();

        List<Response> responses = ConcurrentRun.results(20, worker ->
                api.post("/api/v1/reservations/" + id + (worker % 2 == 0 ? "/confirm" : "/cancel"), Map.of()));
        Map<String, Long> outcomes = countByCode(responses);

        assertThat(outcomes).containsOnly(Map.entry("OK", 1L), Map.entry("RESERVATION_NOT_PENDING", 19L));
        String status = jdbc.queryForObject("select status from inventory.reservation where id = ?", String.class, id);
        long[] stock = stock(sku);
        if (status.equals("CONFIRMED")) {
            assertThat(stock).containsExactly(6, 0);
        } else {
            assertThat(status).isEqualTo("CANCELLED");
            assertThat(stock).containsExactly(10, 0);
        }
    }

    /**
     * The request key's race in the database, past the HTTP layer's own key (which would answer all
     * but one 409): requests with one key that all pass the look-up at once are decided by the unique
     * key, and unkeyed ones racing with them (batched with them, under row locks) are placed once each.
     */
    @Test
    void concurrent_requests_with_one_request_key_make_one_reservation_and_unkeyed_ones_each_theirs() {
        String sku = newSku(100);
        Caller owner = Caller.buyer(ThreadLocalRandom.current().nextLong(1_000_000, 2_000_000_000));
        String key = ReserveStockCommand.orderRequestKey("o-" + sku);

        List<ReservationView> answers = ConcurrentRun.results(40, worker -> reserveStock.reserve(owner,
                new ReserveStockCommand("o-" + sku, List.of(new ReserveStockCommand.Line(sku, 1)),
                        worker % 2 == 0 ? key : null)));

        List<String> keyed = java.util.stream.IntStream.range(0, 40).filter(worker -> worker % 2 == 0)
                .mapToObj(worker -> answers.get(worker).id()).distinct().toList();
        assertThat(keyed).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from inventory.reservation where owner_id = ? and request_key = ?",
                Long.class, owner.userId(), key)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from inventory.reservation where order_id = ?", Long.class,
                "o-" + sku)).isEqualTo(21);
        assertStockInDatabase(sku, 100, 21);
        assertThat(pendingUnits(sku)).isEqualTo(21);
    }

    Map<String, Long> reserveConcurrently(int buyers, String sku, int quantity) {
        Tokens.mintBuyers(10_000L, buyers);
        List<Response> responses = ConcurrentRun.results(buyers, worker -> buyer(worker).post("/api/v1/reservations",
                Map.of("orderId", "o-" + worker, "lines", List.of(Map.of("sku", sku, "quantity", quantity)))));
        return countByCode(responses);
    }

    /** Each worker is a buyer of its own (user ids from 10,000 up). */
    ApiClient buyer(int worker) {
        return api.as(10_000L + worker);
    }

    private static Map<String, Long> countByCode(List<Response> responses) {
        return responses.stream().collect(groupingBy(Response::code, counting()));
    }

    String newSku(int onHand) {
        String sku = "sku-" + UUID.randomUUID();
        stock(sku, onHand);
        return sku;
    }

    void assertStockInDatabase(String sku, long onHand, long reserved) {
        assertThat(stock(sku)).containsExactly(onHand, reserved);
    }

    private long[] stock(String sku) {
        return jdbc.queryForObject("select on_hand, reserved from inventory.stock where sku = ?",
                (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}, sku);
    }

    long pendingUnits(String sku) {
        return jdbc.queryForObject("""
                select coalesce(sum(l.quantity), 0) from inventory.reservation_line l
                join inventory.reservation r on r.id = l.reservation_id
                where l.sku = ? and r.status = 'PENDING'""", Long.class, sku);
    }
}
