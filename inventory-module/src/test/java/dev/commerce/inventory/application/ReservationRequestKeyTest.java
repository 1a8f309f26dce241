package dev.commerce.inventory.application;

import static dev.commerce.inventory.application.Inventory.BUYER;
import static dev.commerce.inventory.application.Inventory.OTHER_BUYER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.inventory.CancelReservationCommand;
import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReservationStatus;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.ReserveStockCommand;
import dev.commerce.inventory.ReserveStockUseCase;
import dev.commerce.inventory.StockView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request key of a reservation (ADR 12, "The crash window"), with every strategy: a request
 * repeated with its key gets the reservation it placed and takes no stock a second time.
 */
class ReservationRequestKeyTest {

    private final Inventory inventory = new Inventory().withStock("A", 10).withStock("B", 20);

    static Stream<Arguments> strategies() {
        return Stream.of(
                Arguments.of("row locks", (Function<Inventory, ReserveStockUseCase>) inventory -> inventory.reserver),
                Arguments.of("row locks, combined",
                        (Function<Inventory, ReserveStockUseCase>) inventory -> inventory.combiningReserver),
                Arguments.of("conditional",
                        (Function<Inventory, ReserveStockUseCase>) inventory -> inventory.conditionalReserver));
    }

    private static ReserveStockCommand keyed(String orderId, String key, int quantityOfA) {
        return new ReserveStockCommand(orderId, List.of(new ReserveStockCommand.Line("A", quantityOfA),
                new ReserveStockCommand.Line("B", 1)), key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void the_same_key_twice_is_one_reservation_and_takes_the_stock_once(String strategy,
            Function<Inventory, ReserveStockUseCase> use) {
        ReserveStockUseCase reserver = use.apply(inventory);

        ReservationView first = reserver.reserve(BUYER, keyed("o-1", "http:k-1", 3));
        ReservationView again = reserver.reserve(BUYER, keyed("o-1", "http:k-1", 3));

        assertThat(again).isEqualTo(first);
        assertThat(inventory.reservations.findAll()).hasSize(1);
        assertThat(inventory.reservations.findAll().get(0).requestKey()).isEqualTo("http:k-1");
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 3, 7));
        assertThat(inventory.view("B")).isEqualTo(new StockView("B", 20, 1, 19));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void the_same_key_of_two_owners_is_two_reservations(String strategy, Function<Inventory, ReserveStockUseCase> use) {
        ReserveStockUseCase reserver = use.apply(inventory);

        ReservationView mine = reserver.reserve(BUYER, keyed("o-1", "http:k-1", 3));
        ReservationView theirs = reserver.reserve(OTHER_BUYER, keyed("o-1", "http:k-1", 3));

        assertThat(theirs.id()).isNotEqualTo(mine.id());
        assertThat(inventory.reservations.findAll()).hasSize(2);
        assertThat(inventory.view("A").reserved()).isEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void without_a_key_every_request_is_a_new_reservation(String strategy, Function<Inventory, ReserveStockUseCase> use) {
        ReserveStockUseCase reserver = use.apply(inventory);

        ReservationView first = reserver.reserve(BUYER, keyed("o-1", null, 3));
        ReservationView second = reserver.reserve(BUYER, keyed("o-1", null, 3));

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(inventory.reservations.findAll()).hasSize(2);
        assertThat(inventory.view("A").reserved()).isEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void the_namespaces_of_http_and_orders_never_meet(String strategy, Function<Inventory, ReserveStockUseCase> use) {
        ReserveStockUseCase reserver = use.apply(inventory);

        ReservationView ofTheOrder = reserver.reserve(BUYER, keyed("x", ReserveStockCommand.orderRequestKey("x"), 1));
        ReservationView posted = reserver.reserve(BUYER, keyed("x", ReserveStockCommand.httpRequestKey("order:x"), 1));

        assertThat(ofTheOrder.id()).isNotEqualTo(posted.id());
        assertThat(inventory.reservations.findAll()).extracting(reservation -> reservation.requestKey())
                .containsExactlyInAnyOrder("order:x", "http:order:x");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void a_repetition_is_answered_even_when_the_first_took_the_last_units(String strategy,
            Function<Inventory, ReserveStockUseCase> use) {
        ReserveStockUseCase reserver = use.apply(inventory);
        ReservationView first = reserver.reserve(BUYER, keyed("o-1", "order:o-1", 10));

        ReservationView again = reserver.reserve(BUYER, keyed("o-1", "order:o-1", 10));

        assertThat(again).isEqualTo(first);
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 10, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void a_repetition_gets_the_reservation_as_it_is_now_and_reserves_nothing(String strategy,
            Function<Inventory, ReserveStockUseCase> use) {
        ReserveStockUseCase reserver = use.apply(inventory);
        ReservationView first = reserver.reserve(BUYER, keyed("o-1", "http:k-1", 3));
        inventory.closer.cancel(BUYER, new CancelReservationCommand(first.id()));

        ReservationView again = reserver.reserve(BUYER, keyed("o-1", "http:k-1", 3));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.status()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(inventory.view("A").reserved()).isZero();
        assertThat(inventory.reservations.findAll()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void a_key_sent_again_for_another_order_or_other_lines_is_refused_and_reserves_nothing(String strategy,
            Function<Inventory, ReserveStockUseCase> use) {
        ReserveStockUseCase reserver = use.apply(inventory);
        reserver.reserve(BUYER, keyed("o-1", "http:k-1", 3));

        assertThatThrownBy(() -> reserver.reserve(BUYER, keyed("o-1", "http:k-1", 4)))
                .isInstanceOfSatisfying(InventoryException.class,
                        e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.IDEMPOTENCY_KEY_REUSED));
        assertThatThrownBy(() -> reserver.reserve(BUYER, keyed("o-2", "http:k-1", 3)))
                .isInstanceOfSatisfying(InventoryException.class,
                        e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.IDEMPOTENCY_KEY_REUSED));
        assertThat(inventory.reservations.findAll()).hasSize(1);
        assertThat(inventory.view("A").reserved()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void many_concurrent_requests_with_one_key_make_one_reservation_and_all_get_it(String strategy,
            Function<Inventory, ReserveStockUseCase> use) throws Exception {
        ReserveStockUseCase reserver = use.apply(inventory);
        int requests = 16;
        ExecutorService threads = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ReservationView>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                // every other request has no key, so keyed and unkeyed ones share batches
                String key = i % 2 == 0 ? "order:o-1" : null;
                answers.add(threads.submit(() -> {
                    start.await();
                    return reserver.reserve(BUYER, keyed("o-1", key, 1));
                }));
            }
            start.countDown();
            List<String> keyedIds = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                ReservationView answer = answers.get(i).get(30, TimeUnit.SECONDS);
                if (i % 2 == 0) {
                    keyedIds.add(answer.id());
                }
            }

            assertThat(keyedIds).containsOnly(keyedIds.get(0));
            // one keyed reservation and 8 unkeyed ones, each taking its units once
            assertThat(inventory.reservations.findAll()).hasSize(1 + requests / 2);
            assertThat(inventory.view("A").reserved()).isEqualTo(1 + requests / 2);
            assertThat(inventory.view("B").reserved()).isEqualTo(1 + requests / 2);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void a_malformed_key_is_an_invalid_request() {
        assertThatThrownBy(() -> keyed("o-1", "", 1)).isInstanceOfSatisfying(InventoryException.class,
                e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.INVALID_REQUEST));
        assertThatThrownBy(() -> keyed("o-1", "k".repeat(ReserveStockCommand.MAX_REQUEST_KEY_LENGTH + 1), 1))
                .isInstanceOfSatisfying(InventoryException.class,
                        e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.INVALID_REQUEST));
        assertThatThrownBy(() -> keyed("o-1", "tab\there", 1)).isInstanceOfSatisfying(InventoryException.class,
                e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.INVALID_REQUEST));
        assertThat(keyed("o-1", "k".repeat(ReserveStockCommand.MAX_REQUEST_KEY_LENGTH), 1).requestKey()).hasSize(300);
    }
}
