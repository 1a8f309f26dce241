package dev.commerce.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import org.junit.jupiter.api.Test;

class StockTest {

    @Test
    void a_new_stock_has_nothing_on_hand_or_reserved() {
        Stock stock = Stock.empty("A");

        assertThat(stock.onHand()).isZero();
        assertThat(stock.reserved()).isZero();
        assertThat(stock.available()).isZero();
    }

    @Test
    void reserving_moves_units_from_available_to_reserved() {
        Stock stock = Stock.reconstitute("A", 10, 0);

        stock.reserve(3);

        assertThat(stock.onHand()).isEqualTo(10);
        assertThat(stock.reserved()).isEqualTo(3);
        assertThat(stock.available()).isEqualTo(7);
    }

    @Test
    void reserving_exactly_what_is_available_leaves_nothing_available() {
        Stock stock = Stock.reconstitute("A", 10, 4);

        stock.reserve(6);

        assertThat(stock.available()).isZero();
    }

    @Test
    void reserving_more_than_available_fails_with_insufficient_stock_and_changes_nothing() {
        Stock stock = Stock.reconstitute("A", 10, 4);

        assertThatThrownBy(() -> stock.reserve(7))
                .isInstanceOfSatisfying(InventoryException.class,
                        e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.INSUFFICIENT_STOCK));
        assertThat(stock.reserved()).isEqualTo(4);
        assertThat(stock.onHand()).isEqualTo(10);
    }

    @Test
    void reserving_a_non_positive_quantity_is_a_programming_error() {
        Stock stock = Stock.reconstitute("A", 10, 0);

        assertThatThrownBy(() -> stock.reserve(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stock.reserve(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void releasing_returns_reserved_units_to_available() {
        Stock stock = Stock.reconstitute("A", 10, 4);

        stock.release(3);

        assertThat(stock.onHand()).isEqualTo(10);
        assertThat(stock.reserved()).isEqualTo(1);
        assertThat(stock.available()).isEqualTo(9);
    }

    @Test
    void committing_lowers_on_hand_and_reserved_alike() {
        Stock stock = Stock.reconstitute("A", 10, 4);

        stock.commit(3);

        assertThat(stock.onHand()).isEqualTo(7);
        assertThat(stock.reserved()).isEqualTo(1);
        assertThat(stock.available()).isEqualTo(6);
    }

    @Test
    void moving_more_than_is_reserved_is_refused_as_a_double_release_or_commit() {
        Stock stock = Stock.reconstitute("A", 10, 2);

        assertThatThrownBy(() -> stock.release(3)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> stock.commit(3)).isInstanceOf(IllegalStateException.class);
        assertThat(stock.reserved()).isEqualTo(2);
        assertThat(stock.onHand()).isEqualTo(10);
    }

    @Test
    void on_hand_may_be_set_down_to_what_is_reserved() {
        Stock stock = Stock.reconstitute("A", 10, 4);

        stock.setOnHand(4);

        assertThat(stock.onHand()).isEqualTo(4);
        assertThat(stock.available()).isZero();
    }

    @Test
    void on_hand_below_reserved_fails_with_stock_below_reserved_and_changes_nothing() {
        Stock stock = Stock.reconstitute("A", 10, 4);

        assertThatThrownBy(() -> stock.setOnHand(3))
                .isInstanceOfSatisfying(InventoryException.class,
                        e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.STOCK_BELOW_RESERVED));
        assertThat(stock.onHand()).isEqualTo(10);
    }

    @Test
    void reconstituting_a_stock_that_breaks_the_invariant_is_refused() {
        assertThatThrownBy(() -> Stock.reconstitute("A", 3, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stock.reconstitute("A", -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stock.reconstitute("A", 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
