package dev.commerce.order.application.port;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The current prices of the SKUs an order names (the inventory module keeps them). */
public interface PriceCatalog {

    /** Each requested SKU in exactly one of priced, unpriced, unknown. */
    Prices pricesOf(List<String> skus);

    record UnitPrice(long price, String currency) {
    }

    record Prices(Map<String, UnitPrice> priced, Set<String> unpriced, Set<String> unknown) {
        public Prices {
            priced = Map.copyOf(priced);
            unpriced = Set.copyOf(unpriced);
            unknown = Set.copyOf(unknown);
        }
    }
}
