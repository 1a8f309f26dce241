package dev.commerce.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.order.OrderErrorCode;
import dev.commerce.order.OrderException;
import dev.commerce.order.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(10));

    private static Order anOrder(long discount, OrderLine... lines) {
        return Order.place("o-1", 42, List.of(lines), "KRW", discount > 0 ? "c-1" : null, discount, "r-1", EXPIRES, NOW);
    }

    @Test
    void subtotal_is_the_sum_of_quantity_times_unit_price_and_the_discount_comes_off_it() {
        Order order = anOrder(3000, new OrderLine("A", 2, 15000), new OrderLine("B", 1, 500));

        assertThat(order.subtotal()).isEqualTo(30500);
        assertThat(order.discount()).isEqualTo(3000);
        assertThat(order.total()).isEqualTo(27500);
        assertThat(order.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
    }

    @Test
    void a_discount_larger_than_the_subtotal_makes_the_total_zero_never_negative() {
        Order order = anOrder(10_000, new OrderLine("A", 1, 4000));

        assertThat(order.discount()).isEqualTo(4000);
        assertThat(order.total()).isZero();
        assertThat(order.isFree()).isTrue();
    }

    @Test
    void an_amount_that_overflows_is_an_invalid_request() {
        assertThatThrownBy(() -> anOrder(0, new OrderLine("A", 1_000_000, Long.MAX_VALUE / 10)))
                .isInstanceOfSatisfying(OrderException.class,
                        e -> assertThat(e.code()).isEqualTo(OrderErrorCode.INVALID_REQUEST));
    }

    @Test
    void only_an_order_awaiting_payment_moves_on_and_only_once() {
        Order paid = anOrder(0, new OrderLine("A", 1, 100)).paid("p-1");

        assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
        assertThat(paid.paymentId()).isEqualTo("p-1");
        assertThatThrownBy(() -> paid.paid("p-2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(paid::cancelled).isInstanceOfSatisfying(OrderException.class,
                e -> assertThat(e.code()).isEqualTo(OrderErrorCode.ORDER_NOT_CANCELLABLE));
        assertThatThrownBy(paid::expired).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> paid.requirePayable(NOW, Duration.ofSeconds(45)))
                .isInstanceOfSatisfying(OrderException.class,
                        e -> assertThat(e.code()).isEqualTo(OrderErrorCode.ORDER_NOT_PAYABLE));
    }

    @Test
    void an_order_is_payable_only_while_its_expiry_is_further_away_than_the_payment_budget() {
        Order order = anOrder(0, new OrderLine("A", 1, 100));
        Duration budget = Duration.ofSeconds(45);

        order.requirePayable(EXPIRES.minus(budget).minusMillis(1), budget);
        assertThatThrownBy(() -> order.requirePayable(EXPIRES.minus(budget), budget))
                .isInstanceOfSatisfying(OrderException.class,
                        e -> assertThat(e.code()).isEqualTo(OrderErrorCode.ORDER_NOT_PAYABLE));
    }

    @Test
    void an_order_living_less_than_two_payment_budgets_is_payable_for_the_first_half_of_its_life() {
        Instant expires = NOW.plus(Duration.ofSeconds(4));
        Order order = Order.place("o-2", 42, List.of(new OrderLine("A", 1, 100)), "KRW", null, 0, "r-2", expires, NOW);
        Duration budget = Duration.ofSeconds(45);

        order.requirePayable(NOW, budget);
        order.requirePayable(NOW.plusMillis(1_999), budget);
        assertThatThrownBy(() -> order.requirePayable(NOW.plusSeconds(2), budget))
                .isInstanceOfSatisfying(OrderException.class,
                        e -> assertThat(e.code()).isEqualTo(OrderErrorCode.ORDER_NOT_PAYABLE));
    }

    @Test
    void inconsistent_totals_cannot_be_built() {
        assertThatThrownBy(() -> new Order("o", 1, OrderStatus.PAID, List.of(new OrderLine("A", 1, 10)), 10, 5, 6,
                "KRW", null, "r", null, EXPIRES, NOW, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
