package dev.commerce.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SetPriceCommandTest {

    private static void assertInvalid(ThrowingCallable construction) {
        assertThatThrownBy(construction).isInstanceOfSatisfying(InventoryException.class,
                e -> assertThat(e.code()).isEqualTo(InventoryErrorCode.INVALID_REQUEST));
    }

    @Test
    void a_price_is_between_zero_and_one_trillion_minor_units() {
        assertThat(new SetPriceCommand("A", 0, "KRW").price()).isZero();
        assertThat(new SetPriceCommand("A", SetPriceCommand.MAX_PRICE, "KRW").price()).isEqualTo(1_000_000_000_000L);
        assertInvalid(() -> new SetPriceCommand("A", -1, "KRW"));
        assertInvalid(() -> new SetPriceCommand("A", SetPriceCommand.MAX_PRICE + 1, "KRW"));
        assertInvalid(() -> new SetPriceCommand("A", Long.MIN_VALUE, "KRW"));
    }

    @Test
    void a_currency_is_three_upper_case_letters() {
        assertThat(new SetPriceCommand("A", 1, "USD").currency()).isEqualTo("USD");
        for (String currency : Arrays.asList(null, "", "krw", "KR", "KRWX", "K1W", " KRW", "KRW ", "₩₩₩", "ÄBC")) {
            assertInvalid(() -> new SetPriceCommand("A", 1, currency));
        }
    }

    @Test
    void the_sku_is_checked_as_for_stock() {
        assertInvalid(() -> new SetPriceCommand(null, 1, "KRW"));
        assertInvalid(() -> new SetPriceCommand(" ", 1, "KRW"));
        assertInvalid(() -> new SetPriceCommand("s".repeat(101), 1, "KRW"));
        assertInvalid(() -> new SetPriceCommand("a\u0001b", 1, "KRW"));
        assertThat(new SetPriceCommand("s".repeat(100), 1, "KRW").sku()).hasSize(100);
    }
}
