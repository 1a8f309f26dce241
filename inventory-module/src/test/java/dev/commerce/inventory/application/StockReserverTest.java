package dev.commerce.inventory.application;

import static dev.commerce.inventory.application.Inventory.BUYER;
import static dev.commerce.inventory.application.ReservationRequestBuilder.aReservationRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.ReservationLineView;
import dev.commerce.inventory.ReservationStatus;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.ReserveStockCommand;
import dev.commerce.inventory.StockView;
import java.util.List;
import org.junit.jupiter.api.Test;

class StockReserverTest {

    private final Inventory inventory = new Inventory().withStock("A", 10).withStock("B", 5);

    @Test
    void a_reservation_holds_every_line_and_is_pending_until_its_lifetime_ends() {
        ReservationView view = inventory.reserver.reserve(BUYER,
                aReservationRequest().forOrder("o-1").line("A", 3).line("B", 5).build());

        assertThat(view.orderId()).isEqualTo("o-1");
        assertThat(view.status()).isEqualTo(ReservationStatus.PENDING);
        assertThat(view.lines()).containsExactly(new ReservationLineView("A", 3), new ReservationLineView("B", 5));
        assertThat(view.expiresAt()).isEqualTo(Inventory.START.plus(Inventory.LIFETIME));
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 3, 7));
        assertThat(inventory.view("B")).isEqualTo(new StockView("B", 5, 5, 0));
        assertThat(inventory.reader.getReservation(BUYER, view.id())).isEqualTo(view);
    }

    @Test
    void lines_naming_the_same_sku_are_reserved_as_their_sum() {
        ReservationView view = inventory.reserver.reserve(BUYER, aReservationRequest().line("A", 2).line("A", 3).build());

        assertThat(view.lines()).containsExactly(new ReservationLineView("A", 5));
        assertThat(inventory.stored("A").reserved()).isEqualTo(5);
    }

    @Test
    void one_short_line_reserves_nothing_at_all() {
        assertThatThrownBy(() -> inventory.reserver.reserve(BUYER, aReservationRequest().line("A", 3).line("B", 6).build()))
                .isInstanceOfSatisfying(InventoryException.class,
                        e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.INSUFFICIENT_STOCK));

        assertThat(inventory.stored("A").reserved()).isZero();
        assertThat(inventory.stored("B").reserved()).isZero();
        assertThat(inventory.reservations.findAll()).isEmpty();
    }

    @Test
    void an_unknown_sku_fails_with_product_not_found_and_reserves_nothing_even_after_a_short_line() {
        assertThatThrownBy(() -> inventory.reserver.reserve(BUYER,
                aReservationRequest().line("B", 6).line("A", 1).line("nope", 1).build()))
                .isInstanceOfSatisfying(InventoryException.class,
                        e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.PRODUCT_NOT_FOUND));

        assertThat(inventory.stored("A").reserved()).isZero();
        assertThat(inventory.stored("B").reserved()).isZero();
        assertThat(inventory.reservations.findAll()).isEmpty();
    }

    @Test
    void reservations_take_available_stock_until_none_is_left() {
        inventory.reserver.reserve(BUYER, aReservationRequest().line("B", 2).build());
        inventory.reserver.reserve(BUYER, aReservationRequest().line("B", 3).build());

        assertThatThrownBy(() -> inventory.reserver.reserve(BUYER, aReservationRequest().line("B", 1).build()))
                .isInstanceOfSatisfying(InventoryException.class,
                        e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.INSUFFICIENT_STOCK));
        assertThat(inventory.view("B")).isEqualTo(new StockView("B", 5, 5, 0));
        assertThat(inventory.reservations.findAll()).hasSize(2);
    }

    @Test
    void an_invalid_reservation_request_is_rejected_before_anything_changes() {
        assertThatThrownBy(() -> inventory.reserver.reserve(BUYER,
                new ReserveStockCommand("o-1", List.of(new ReserveStockCommand.Line("A", 0)))))
                .isInstanceOfSatisfying(InventoryException.class,
                        e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.INVALID_REQUEST));

        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 0, 10));
        assertThat(inventory.reservations.findAll()).isEmpty();
    }

    @Test
    void reading_an_unknown_reservation_fails_with_reservation_not_found() {
        assertThatThrownBy(() -> inventory.reader.getReservation(BUYER, "nope"))
                .isInstanceOfSatisfying(InventoryException.class,
                        e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.RESERVATION_NOT_FOUND));
    }
}
