package dev.commerce.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProductPricesTest {

    private static final PriceView A = new PriceView("A", 1_000, "KRW");

    @Test
    void a_sku_is_in_one_bucket_only() {
        assertThatThrownBy(() -> new ProductPrices(Map.of("A", A), Set.of("A"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProductPrices(Map.of("A", A), Set.of(), Set.of("A")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProductPrices(Map.of(), Set.of("B"), Set.of("B")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void it_is_a_copy_the_caller_cannot_change_afterwards() {
        Map<String, PriceView> priced = new HashMap<>(Map.of("A", A));
        Set<String> unknown = new HashSet<>(Set.of("X"));
        ProductPrices prices = new ProductPrices(priced, Set.of(), unknown);

        priced.clear();
        unknown.clear();

        assertThat(prices.priceOf("A")).contains(A);
        assertThat(prices.unknown()).containsExactly("X");
        assertThatThrownBy(() -> prices.unknown().add("Y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void all_priced_only_without_unpriced_and_unknown_skus() {
        assertThat(new ProductPrices(Map.of("A", A), Set.of(), Set.of()).allPriced()).isTrue();
        assertThat(new ProductPrices(Map.of("A", A), Set.of("B"), Set.of()).allPriced()).isFalse();
        assertThat(new ProductPrices(Map.of("A", A), Set.of(), Set.of("X")).allPriced()).isFalse();
    }
}
