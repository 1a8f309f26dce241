package dev.commerce.fullstack.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;
import dev.commerce.fullstack.FullStackTest;
import dev.commerce.fullstack.FullStackTest.InvariantsCheckedAfterEachTest;
import dev.commerce.order.application.port.StockReservations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The crash window of ADR 12, closed for new reservations: the request key is stored with the
 * reservation, in the transaction that takes its stock, so a request run again after its answer
 * was lost finds its reservation instead of reserving again. The lost answer is reproduced without
 * any hook in the service: PostgreSQL triggers, installed by the test for this test's rows only,
 * make the statements that would have recorded the answer (or stored the order) fail, as they
 * would if the instance died right after the reservation's commit; the lease is then ended in SQL.
 */
@InvariantsCheckedAfterEachTest
class ReservationRequestKeyIT extends FullStackTest {

    private static final String RESERVATIONS = "/api/v1/reservations";

    @Autowired
    StockReservations stockReservations;

    private long buyer;
    private String sku;
    private final List<String> cleanUp = new ArrayList<>();

    @BeforeEach
    void fixtures() {
        buyer = ThreadLocalRandom.current().nextLong(1_000_000, 2_000_000_000);
        sku = "reskey-" + UUID.randomUUID();
        stock(sku, 100);
        price(sku, 1_000, "KRW");
    }

    @AfterEach
    void dropFaults() {
        cleanUp.reversed().forEach(jdbc::execute);
    }

    @Test
    void a_reservation_retried_after_its_answer_was_lost_reserves_once() {
        String orderId = "o-" + UUID.randomUUID();
        String key = "lost-" + UUID.randomUUID();
        // recording the answer is the UPDATE that completes the key (JdbcIdempotentRequestStore#complete)
        String fault = failBefore("UPDATE", "platform.idempotency_key",
                "NEW.user_id = " + buyer + " AND NEW.idempotency_key = '" + key + "' AND NEW.state = 'COMPLETED'");

        Response first = post(reservation(orderId, 3), key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(reserved()).isEqualTo(3);
        assertThat(keyState(key)).as("the answer was not recorded").isEqualTo("IN_PROGRESS");
        drop(fault);
        Response whileLeased = post(reservation(orderId, 3), key);
        assertThat(whileLeased.code()).isEqualTo("IDEMPOTENCY_REQUEST_IN_PROGRESS");

        endLease(key); // the instance that ran it is presumed dead
        Response retry = post(reservation(orderId, 3), key);

        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).as("run again, not replayed").isNull();
        assertThat(retry.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inventory.reservation WHERE owner_id = ? AND request_key = ?",
                Long.class, buyer, "http:" + key)).isEqualTo(1);
        assertThat(reservationsOf(orderId)).isEqualTo(1);
        assertThat(reserved()).as("reserved once").isEqualTo(3);
        assertThat(keyState(key)).isEqualTo("COMPLETED");
        Response replayed = post(reservation(orderId, 3), key);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.json()).isEqualTo(first.json());
    }

    @Test
    void an_order_placement_retried_after_a_crash_before_the_order_was_stored_reserves_once() {
        String key = "place-" + UUID.randomUUID();
        String body = "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":2}]}";
        // as if the instance died right after the reservation's commit: the order is not stored, the
        // placement's undo (the reservation's cancel) and the release of its key do not happen
        List<String> faults = List.of(
                failBefore("INSERT", "orders.\"order\"", "NEW.user_id = " + buyer),
                failBefore("UPDATE", "inventory.reservation", "OLD.owner_id = " + buyer),
                failBefore("DELETE", "orders.request_key", "OLD.user_id = " + buyer));

        Response first = placeOrder(body, key);

        assertThat(first.status()).as(first.body()).isGreaterThanOrEqualTo(500);
        String orderId = jdbc.queryForObject("SELECT resource_id FROM orders.request_key WHERE user_id = ? AND key = ?",
                String.class, buyer, key);
        String reservationId = jdbc.queryForObject(
                "SELECT id FROM inventory.reservation WHERE owner_id = ? AND status = 'PENDING'", String.class, buyer);
        assertThat(reserved()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders.\"order\" WHERE id = ?", Long.class, orderId)).isZero();
        faults.forEach(this::drop);
        jdbc.update("UPDATE orders.request_key SET lease_until = now() - interval '1 second' WHERE user_id = ? AND key = ?",
                buyer, key);

        Response retry = placeOrder(body, key);

        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.json().path("id").asString()).as("the same order, taken over").isEqualTo(orderId);
        assertThat(retry.json().path("reservationId").asString()).isEqualTo(reservationId);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inventory.reservation WHERE owner_id = ?", Long.class, buyer))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT request_key FROM inventory.reservation WHERE id = ?", String.class,
                reservationId)).isEqualTo("order:" + orderId);
        assertThat(reserved()).as("reserved once").isEqualTo(2);
    }

    @Test
    void an_orders_reservation_is_made_once_per_order_id_and_never_answers_a_posted_reservation() {
        String orderId = "o-" + UUID.randomUUID();
        List<StockReservations.Line> lines = List.of(new StockReservations.Line(sku, 4));

        StockReservations.Reserved first = stockReservations.reserve(buyer, orderId, lines);
        StockReservations.Reserved again = stockReservations.reserve(buyer, orderId, lines);
        // the buyer's own Idempotency-Key "order:<id>" is stored as "http:order:<id>": another request
        Response posted = post(reservation(orderId, 4), "order:" + orderId);

        assertThat(again).isEqualTo(first);
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(posted.json().path("id").asString()).isNotEqualTo(first.reservationId());
        assertThat(jdbc.queryForList("SELECT request_key FROM inventory.reservation WHERE order_id = ? ORDER BY created_at",
                String.class, orderId)).containsExactlyInAnyOrder("order:" + orderId, "http:order:" + orderId);
        assertThat(reserved()).isEqualTo(8);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Makes every {@code operation} on {@code table} whose row satisfies {@code when} fail, until
     * {@link #drop}ped (at the latest after the test); returns the trigger's name.
     */
    private String failBefore(String operation, String table, String when) {
        String name = "it_fault_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.execute("CREATE FUNCTION public." + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " RAISE EXCEPTION 'injected fault: % on %', TG_OP, TG_TABLE_NAME; END $$");
        cleanUp.add("DROP FUNCTION IF EXISTS public." + name + "()");
        jdbc.execute("CREATE TRIGGER " + name + " BEFORE " + operation + " ON " + table + " FOR EACH ROW WHEN (" + when
                + ") EXECUTE FUNCTION public." + name + "()");
        cleanUp.add("DROP TRIGGER IF EXISTS " + name + " ON " + table);
        return name;
    }

    private void drop(String fault) {
        cleanUp.stream().filter(statement -> statement.startsWith("DROP TRIGGER IF EXISTS " + fault + " "))
                .forEach(jdbc::execute);
    }

    private void endLease(String key) {
        assertThat(jdbc.update("UPDATE platform.idempotency_key SET lease_until = now() - interval '1 second'"
                + " WHERE user_id = ? AND idempotency_key = ? AND state = 'IN_PROGRESS'", buyer, key)).isEqualTo(1);
    }

    private String keyState(String key) {
        return jdbc.queryForObject("SELECT state FROM platform.idempotency_key WHERE user_id = ? AND idempotency_key = ?",
                String.class, buyer, key);
    }

    private Response post(String body, String key) {
        return api.as(buyer).send("POST", RESERVATIONS, "application/json", body, Map.of("Idempotency-Key", key));
    }

    private Response placeOrder(String body, String key) {
        return api.as(buyer).send("POST", "/api/v1/orders", "application/json", body, Map.of("Idempotency-Key", key));
    }

    private String reservation(String orderId, int quantity) {
        return "{\"orderId\":\"" + orderId + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}]}";
    }

    private long reserved() {
        return jdbc.queryForObject("SELECT reserved FROM inventory.stock WHERE sku = ?", Long.class, sku);
    }

    private long reservationsOf(String orderId) {
        return jdbc.queryForObject("SELECT count(*) FROM inventory.reservation WHERE order_id = ?", Long.class, orderId);
    }
}
