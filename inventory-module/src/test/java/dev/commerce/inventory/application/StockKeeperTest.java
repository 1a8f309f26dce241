package dev.commerce.inventory.application;

import static dev.commerce.inventory.application.Inventory.BUYER;
import static dev.commerce.inventory.application.ReservationRequestBuilder.aReservationRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.SetStockCommand;
import dev.commerce.inventory.StockView;
import org.junit.jupiter.api.Test;

class StockKeeperTest {

    private final Inventory inventory = new Inventory();

    @Test
    void setting_stock_creates_an_unknown_sku() {
        StockView view = inventory.stockKeeper.setStock(new SetStockCommand("A", 100));

        assertThat(view).isEqualTo(new StockView("A", 100, 0, 100));
        assertThat(inventory.view("A")).isEqualTo(view);
    }

    @Test
    void setting_stock_replaces_the_on_hand_and_keeps_the_reserved() {
        inventory.withStock("A", 10);
        inventory.reserver.reserve(BUYER, aReservationRequest().line("A", 4).build());

        StockView view = inventory.stockKeeper.setStock(new SetStockCommand("A", 25));

        assertThat(view).isEqualTo(new StockView("A", 25, 4, 21));
    }

    @Test
    void setting_on_hand_below_reserved_fails_and_changes_nothing() {
        inventory.withStock("A", 10);
        inventory.reserver.reserve(BUYER, aReservationRequest().line("A", 4).build());

        assertThatThrownBy(() -> inventory.stockKeeper.setStock(new SetStockCommand("A", 3)))
                .isInstanceOfSatisfying(InventoryException.class,
                        e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.STOCK_BELOW_RESERVED));
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 4, 6));
    }

    @Test
    void reading_an_unknown_sku_fails_with_product_not_found() {
        assertThatThrownBy(() -> inventory.stockKeeper.getStock("nope"))
                .isInstanceOfSatisfying(InventoryException.class,
                        e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.PRODUCT_NOT_FOUND));
    }

    @Test
    void reading_a_blank_sku_is_an_invalid_request() {
        assertThatThrownBy(() -> inventory.stockKeeper.getStock(" "))
                .isInstanceOfSatisfying(InventoryException.class,
                        e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.INVALID_REQUEST));
    }

    @Test
    void an_invalid_set_stock_request_is_rejected_before_anything_changes() {
        inventory.withStock("A", 10);

        assertThatThrownBy(() -> inventory.stockKeeper.setStock(new SetStockCommand("A", -5)))
                .isInstanceOfSatisfying(InventoryException.class,
                        e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.INVALID_REQUEST));
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 0, 10));
    }
}
