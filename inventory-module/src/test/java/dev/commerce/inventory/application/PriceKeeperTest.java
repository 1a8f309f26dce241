package dev.commerce.inventory.application;

import static dev.commerce.inventory.application.Inventory.BUYER;
import static dev.commerce.inventory.application.ReservationRequestBuilder.aReservationRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.PriceView;
import dev.commerce.inventory.ProductPrices;
import dev.commerce.inventory.ReservationView;
import dev.commerce.inventory.SetPriceCommand;
import dev.commerce.inventory.SetStockCommand;
import dev.commerce.inventory.StockView;
import dev.commerce.inventory.application.port.PriceRepository;
import dev.commerce.inventory.domain.Price;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PriceKeeperTest {

    private final Inventory inventory = new Inventory();

    private static void assertFailsWith(InventoryErrorCode code, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InventoryException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void setting_a_price_creates_an_unknown_sku_with_no_stock() {
        PriceView view = inventory.priceKeeper.setPrice(new SetPriceCommand("A", 15_000, "KRW"));

        assertThat(view).isEqualTo(new PriceView("A", 15_000, "KRW"));
        assertThat(inventory.priceKeeper.getPrice("A")).isEqualTo(view);
        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 0, 0, 0));
    }

    @Test
    void setting_a_price_again_replaces_amount_and_currency() {
        inventory.withPrice("A", 15_000, "KRW");

        PriceView view = inventory.priceKeeper.setPrice(new SetPriceCommand("A", 1_299, "USD"));

        assertThat(view).isEqualTo(new PriceView("A", 1_299, "USD"));
        assertThat(inventory.priceKeeper.getPrice("A")).isEqualTo(view);
    }

    @Test
    void a_price_of_zero_is_a_price() {
        inventory.withPrice("A", 0, "KRW");

        assertThat(inventory.priceKeeper.getPrice("A")).isEqualTo(new PriceView("A", 0, "KRW"));
    }

    @Test
    void setting_a_price_changes_neither_stock_nor_reservations() {
        inventory.withStock("A", 10);
        ReservationView reservation = inventory.reserver.reserve(BUYER, aReservationRequest().line("A", 4).build());

        inventory.priceKeeper.setPrice(new SetPriceCommand("A", 15_000, "KRW"));

        assertThat(inventory.view("A")).isEqualTo(new StockView("A", 10, 4, 6));
        assertThat(inventory.reader.getReservation(BUYER, reservation.id())).isEqualTo(reservation);
    }

    @Test
    void setting_stock_keeps_the_price() {
        inventory.withPrice("A", 15_000, "KRW");

        inventory.stockKeeper.setStock(new SetStockCommand("A", 100));
        inventory.stockKeeper.setStock(new SetStockCommand("A", 0));

        assertThat(inventory.priceKeeper.getPrice("A")).isEqualTo(new PriceView("A", 15_000, "KRW"));
    }

    @Test
    void setting_a_price_does_not_wait_for_the_stock_row_lock_reservations_hold() throws Exception {
        Inventory inventory = new Inventory(Duration.ofMillis(200));
        inventory.withStock("A", 10).withPrice("A", 15_000, "KRW");
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> inventory.concurrency.run(
                List.of("A"), () -> {
                    locked.countDown();
                    await(release);
                    return null;
                }));
        try {
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

            PriceView view = inventory.priceKeeper.setPrice(new SetPriceCommand("A", 16_000, "KRW"));

            assertThat(inventory.concurrency.isLocked("A")).isTrue();
            assertThat(view).isEqualTo(new PriceView("A", 16_000, "KRW"));
        } finally {
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_price_that_cannot_be_stored_leaves_no_new_sku_behind() {
        PriceRepository failing = new PriceRepository() {
            @Override
            public void save(String sku, Price price) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public Map<String, Optional<Price>> findAll(Collection<String> skus) {
                return inventory.prices.findAll(skus);
            }
        };
        PriceKeeper keeper = new PriceKeeper(inventory.stocks, failing, inventory.transactions);

        assertThatThrownBy(() -> keeper.setPrice(new SetPriceCommand("A", 15_000, "KRW")))
                .hasMessage("disk full");
        assertThat(inventory.stocks.find("A")).isEmpty();
    }

    @Test
    void reading_the_price_of_an_unknown_sku_fails_with_product_not_found() {
        assertFailsWith(InventoryErrorCode.PRODUCT_NOT_FOUND, () -> inventory.priceKeeper.getPrice("nope"));
    }

    @Test
    void reading_the_price_of_a_sku_that_has_none_fails_with_product_not_found() {
        inventory.withStock("A", 10);

        assertFailsWith(InventoryErrorCode.PRODUCT_NOT_FOUND, () -> inventory.priceKeeper.getPrice("A"));
    }

    @Test
    void reading_the_price_of_a_blank_sku_is_an_invalid_request() {
        assertFailsWith(InventoryErrorCode.INVALID_REQUEST, () -> inventory.priceKeeper.getPrice(" "));
        assertFailsWith(InventoryErrorCode.INVALID_REQUEST, () -> inventory.priceKeeper.getPrice(null));
    }

    @Test
    void an_invalid_set_price_request_is_rejected_before_anything_changes() {
        inventory.withPrice("A", 15_000, "KRW");

        assertFailsWith(InventoryErrorCode.INVALID_REQUEST,
                () -> inventory.priceKeeper.setPrice(new SetPriceCommand("A", -1, "KRW")));
        assertFailsWith(InventoryErrorCode.INVALID_REQUEST,
                () -> inventory.priceKeeper.setPrice(new SetPriceCommand("B", 100, "krw")));

        assertThat(inventory.priceKeeper.getPrice("A")).isEqualTo(new PriceView("A", 15_000, "KRW"));
        assertThat(inventory.stocks.find("B")).isEmpty();
    }

    @Test
    void prices_of_several_skus_tell_priced_from_unpriced_from_unknown_in_request_order() {
        inventory.withPrice("B", 2_000, "KRW").withPrice("A", 1_000, "KRW").withStock("C", 5);

        ProductPrices prices = inventory.priceKeeper.pricesOf(List.of("X", "A", "C", "B", "A"));

        assertThat(prices.priced()).containsExactly(
                Map.entry("A", new PriceView("A", 1_000, "KRW")), Map.entry("B", new PriceView("B", 2_000, "KRW")));
        assertThat(prices.unpriced()).containsExactly("C");
        assertThat(prices.unknown()).containsExactly("X");
        assertThat(prices.allPriced()).isFalse();
        assertThat(prices.priceOf("A")).contains(new PriceView("A", 1_000, "KRW"));
        assertThat(prices.priceOf("C")).isEmpty();
    }

    @Test
    void prices_of_priced_skus_only_are_all_priced() {
        inventory.withPrice("A", 1_000, "KRW").withPrice("B", 0, "KRW");

        ProductPrices prices = inventory.priceKeeper.pricesOf(List.of("A", "B"));

        assertThat(prices.allPriced()).isTrue();
        assertThat(prices.priced()).containsOnlyKeys("A", "B");
    }

    @Test
    void prices_of_no_skus_are_empty_and_prices_of_a_blank_or_null_sku_are_an_invalid_request() {
        assertThat(inventory.priceKeeper.pricesOf(List.of())).isEqualTo(new ProductPrices(Map.of(), Set.of(), Set.of()));
        assertFailsWith(InventoryErrorCode.INVALID_REQUEST, () -> inventory.priceKeeper.pricesOf(List.of("A", " ")));
        assertFailsWith(InventoryErrorCode.INVALID_REQUEST, () -> inventory.priceKeeper.pricesOf(Arrays.asList("A", null)));
        assertFailsWith(InventoryErrorCode.INVALID_REQUEST, () -> inventory.priceKeeper.pricesOf(null));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
