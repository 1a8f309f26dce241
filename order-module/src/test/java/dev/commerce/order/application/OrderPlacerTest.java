package dev.commerce.order.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.order.OrderErrorCode;
import dev.commerce.order.OrderException;
import dev.commerce.order.OrderResponse;
import dev.commerce.order.OrderStatus;
import dev.commerce.order.PlaceOrderCommand;
import dev.commerce.order.adapter.out.memory.FakeStockReservations;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderPlacerTest {

    private final Checkout checkout = new Checkout();

    OrderPlacerTest() {
        checkout.prices.price("A", 15000, "KRW").price("B", 500, "KRW").price("U", 10, "USD").withoutPrice("N");
        checkout.stock.stock("A", 10).stock("B", 10).stock("U", 10).stock("N", 10);
    }

    @Test
    void placing_prices_reserves_and_redeems_and_stores_the_order() {
        checkout.coupons.issue("WELCOME", 42, 3000);

        OrderResponse response = checkout.place(42, "WELCOME", "A", 2, "B", 1);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.order().status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(response.order().subtotal()).isEqualTo(30500);
        assertThat(response.order().discount()).isEqualTo(3000);
        assertThat(response.order().total()).isEqualTo(27500);
        assertThat(response.order().currency()).isEqualTo("KRW");
        assertThat(response.order().expiresAt()).isEqualTo(Checkout.START.plus(Checkout.RESERVATION_LIFETIME));
        assertThat(checkout.stock.available("A")).isEqualTo(8);
        assertThat(checkout.coupons.redeemedFor("WELCOME", 42)).isEqualTo(response.order().id());
        assertThat(checkout.reader.getOrder(Checkout.buyer(42), response.order().id())).isEqualTo(response.order());
    }

    @Test
    void lines_of_two_currencies_are_refused_with_400_and_nothing_is_reserved() {
        assertThatThrownBy(() -> checkout.place(42, null, "A", 1, "U", 1))
                .isInstanceOfSatisfying(OrderException.class,
                        e -> assertThat(e.code()).isEqualTo(OrderErrorCode.INVALID_REQUEST));
        assertThat(checkout.stock.available("A")).isEqualTo(10);
        assertThat(checkout.orders.count()).isZero();
    }

    @Test
    void unknown_and_unpriced_products_are_refused_before_anything_is_reserved() {
        assertThatThrownBy(() -> checkout.place(42, null, "A", 1, "X", 1)).isInstanceOfSatisfying(OrderException.class,
                e -> assertThat(e.code()).isEqualTo(OrderErrorCode.PRODUCT_NOT_FOUND));
        assertThatThrownBy(() -> checkout.place(42, null, "A", 1, "N", 1)).isInstanceOfSatisfying(OrderException.class,
                e -> assertThat(e.code()).isEqualTo(OrderErrorCode.PRICE_NOT_SET));
        assertThat(checkout.stock.available("A")).isEqualTo(10);
        assertThat(checkout.stock.pending()).isZero();
    }

    @Test
    void insufficient_stock_reserves_nothing_and_leaves_the_coupon_untouched() {
        checkout.coupons.issue("WELCOME", 42, 3000);

        assertThatThrownBy(() -> checkout.place(42, "WELCOME", "A", 1, "B", 11))
                .isInstanceOfSatisfying(OrderException.class,
                        e -> assertThat(e.code()).isEqualTo(OrderErrorCode.INSUFFICIENT_STOCK));
        assertThat(checkout.stock.available("A")).isEqualTo(10);
        assertThat(checkout.coupons.redeemedFor("WELCOME", 42)).isNull();
    }

    @Test
    void a_coupon_the_buyer_does_not_hold_releases_the_reservation_already_taken() {
        assertThatThrownBy(() -> checkout.place(42, "NOPE", "A", 3)).isInstanceOfSatisfying(OrderException.class,
                e -> assertThat(e.code()).isEqualTo(OrderErrorCode.COUPON_NOT_HELD));
        assertThat(checkout.stock.available("A")).isEqualTo(10);
        assertThat(checkout.stock.pending()).isZero();
        assertThat(checkout.orders.count()).isZero();
    }

    @Test
    void a_coupon_applied_to_another_open_order_is_refused_and_the_new_reservation_released() {
        checkout.coupons.issue("WELCOME", 42, 3000);
        checkout.place(42, "WELCOME", "A", 1);

        assertThatThrownBy(() -> checkout.place(42, "WELCOME", "B", 1)).isInstanceOfSatisfying(OrderException.class,
                e -> assertThat(e.code()).isEqualTo(OrderErrorCode.COUPON_ALREADY_REDEEMED));
        assertThat(checkout.stock.available("B")).isEqualTo(10);
    }

    @Test
    void a_failure_storing_the_order_releases_the_coupon_and_the_reservation() {
        checkout.coupons.issue("WELCOME", 42, 3000);
        OrderPlacer failing = new OrderPlacer(new dev.commerce.order.adapter.out.memory.InMemoryOrderRepository() {
            @Override
            public void insert(dev.commerce.order.domain.Order order) {
                throw new IllegalStateException("database down");
            }
        }, checkout.prices, checkout.stock, checkout.coupons, checkout.transactions, checkout.journal, checkout.keys,
                checkout.clock, Checkout.SETTINGS);

        assertThatThrownBy(() -> failing.place(Checkout.buyer(42),
                new PlaceOrderCommand("k", Checkout.lines("A", 2), "WELCOME"))).hasMessageContaining("database down");
        assertThat(checkout.stock.available("A")).isEqualTo(10);
        assertThat(checkout.stock.pending()).isZero();
        assertThat(checkout.coupons.redeemedFor("WELCOME", 42)).isNull();
        assertThat(checkout.journal.open()).as("the undone placement's journal note").isEmpty();
    }

    @Test
    void the_same_key_and_request_answers_the_first_order_again_without_reserving_twice() {
        PlaceOrderCommand command = new PlaceOrderCommand("k-1", Checkout.lines("A", 2), null);

        OrderResponse first = checkout.placer.place(Checkout.buyer(42), command);
        OrderResponse again = checkout.placer.place(Checkout.buyer(42), command);

        assertThat(again.replayed()).isTrue();
        assertThat(again.order()).isEqualTo(first.order());
        assertThat(checkout.stock.available("A")).isEqualTo(8);
        assertThat(checkout.orders.count()).isEqualTo(1);
    }

    @Test
    void the_same_key_with_another_request_is_422_and_keys_belong_to_the_caller() {
        checkout.placer.place(Checkout.buyer(42), new PlaceOrderCommand("k-1", Checkout.lines("A", 2), null));

        assertThatThrownBy(() -> checkout.placer.place(Checkout.buyer(42),
                new PlaceOrderCommand("k-1", Checkout.lines("A", 3), null))).isInstanceOfSatisfying(OrderException.class,
                e -> assertThat(e.code()).isEqualTo(OrderErrorCode.IDEMPOTENCY_KEY_REUSED));
        OrderResponse other = checkout.placer.place(Checkout.buyer(43),
                new PlaceOrderCommand("k-1", Checkout.lines("A", 3), null));
        assertThat(other.replayed()).isFalse();
        assertThat(checkout.stock.available("A")).isEqualTo(5);
    }

    @Test
    void a_refusal_is_recorded_and_replayed_under_its_key() {
        PlaceOrderCommand command = new PlaceOrderCommand("k-1", Checkout.lines("A", 11), null);
        assertThatThrownBy(() -> checkout.placer.place(Checkout.buyer(42), command))
                .isInstanceOfSatisfying(OrderException.class, e -> assertThat(e.replayed()).isFalse());
        checkout.stock.stock("A", 20);

        assertThatThrownBy(() -> checkout.placer.place(Checkout.buyer(42), command))
                .isInstanceOfSatisfying(OrderException.class, e -> {
                    assertThat(e.replayed()).isTrue();
                    assertThat(e.code().name()).isEqualTo("INSUFFICIENT_STOCK");
                });
        assertThat(checkout.stock.available("A")).isEqualTo(20);
    }

    @Test
    void a_key_still_in_progress_answers_409() {
        checkout.keys.claim(new dev.commerce.order.application.port.RequestKey(42, "k-1"),
                new PlaceOrderCommand("k-1", Checkout.lines("A", 1), null).fingerprint(), "other", "o-x",
                Checkout.START, Checkout.START.plusSeconds(60));

        assertThatThrownBy(() -> checkout.placer.place(Checkout.buyer(42),
                new PlaceOrderCommand("k-1", Checkout.lines("A", 1), null))).isInstanceOfSatisfying(OrderException.class,
                e -> assertThat(e.code()).isEqualTo(OrderErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS));
        assertThat(checkout.stock.pending()).isZero();
    }

    @Test
    void lines_naming_one_sku_twice_are_merged() {
        OrderResponse response = checkout.place(42, null, "A", 1, "A", 2);

        assertThat(response.order().lines()).hasSize(1);
        assertThat(response.order().lines().get(0).quantity()).isEqualTo(3);
        assertThat(checkout.stock.statusOf(response.order().reservationId())).isEqualTo(FakeStockReservations.Status.PENDING);
    }

    @Test
    void malformed_commands_are_refused() {
        assertThatThrownBy(() -> new PlaceOrderCommand("k", List.of(), null)).isInstanceOf(OrderException.class);
        assertThatThrownBy(() -> new PlaceOrderCommand("k", Checkout.lines("A", 0), null)).isInstanceOf(OrderException.class);
        assertThatThrownBy(() -> new PlaceOrderCommand(null, Checkout.lines("A", 1), null))
                .isInstanceOfSatisfying(OrderException.class,
                        e -> assertThat(e.code()).isEqualTo(OrderErrorCode.IDEMPOTENCY_KEY_MISSING));
        assertThatThrownBy(() -> new PlaceOrderCommand("ключ", Checkout.lines("A", 1), null))
                .isInstanceOfSatisfying(OrderException.class,
                        e -> assertThat(e.code()).isEqualTo(OrderErrorCode.IDEMPOTENCY_KEY_INVALID));
        assertThatThrownBy(() -> new PlaceOrderCommand("k", Checkout.lines("A", 600_000, "A", 600_000), null))
                .isInstanceOf(OrderException.class);
    }
}
