package dev.commerce.order.adapter.out.memory;

import dev.commerce.order.application.port.PriceCatalog;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Prices set by the test; SKUs in {@link #unpriced} exist without a price, all others are unknown. */
public class FakePriceCatalog implements PriceCatalog {

    private final Map<String, UnitPrice> prices = new HashMap<>();
    private final Set<String> unpriced = new HashSet<>();

    public FakePriceCatalog price(String sku, long price, String currency) {
        prices.put(sku, new UnitPrice(price, currency));
        return this;
    }

    public FakePriceCatalog withoutPrice(String sku) {
        unpriced.add(sku);
        return this;
    }

    @Override
    public Prices pricesOf(List<String> skus) {
        Map<String, UnitPrice> priced = new LinkedHashMap<>();
        Set<String> noPrice = new HashSet<>();
        Set<String> unknown = new HashSet<>();
        for (String sku : skus) {
            if (prices.containsKey(sku)) {
                priced.put(sku, prices.get(sku));
            } else if (unpriced.contains(sku)) {
                noPrice.add(sku);
            } else {
                unknown.add(sku);
            }
        }
        return new Prices(priced, noPrice, unknown);
    }
}
