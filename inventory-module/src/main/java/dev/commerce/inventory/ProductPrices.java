package dev.commerce.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The answer of {@link GetPricesQuery#pricesOf}: each requested SKU is in exactly one of the three,
 * each in the order it was first requested.
 *
 * @param priced   SKUs that exist and have a price, with it
 * @param unpriced SKUs that exist but have no price yet
 * @param unknown  SKUs that do not exist
 */
public record ProductPrices(Map<String, PriceView> priced, Set<String> unpriced, Set<String> unknown) {

    public ProductPrices {
        priced = Collections.unmodifiableMap(new LinkedHashMap<>(priced));
        unpriced = Collections.unmodifiableSet(new LinkedHashSet<>(unpriced));
        unknown = Collections.unmodifiableSet(new LinkedHashSet<>(unknown));
        for (String sku : unpriced) {
            if (priced.containsKey(sku) || unknown.contains(sku)) {
                throw new IllegalArgumentException("SKU " + sku + " is in more than one of priced, unpriced, unknown");
            }
        }
        for (String sku : unknown) {
            if (priced.containsKey(sku)) {
                throw new IllegalArgumentException("SKU " + sku + " is in more than one of priced, unpriced, unknown");
            }
        }
    }

    /** Whether every requested SKU exists and has a price. */
    public boolean allPriced() {
        return unpriced.isEmpty() && unknown.isEmpty();
    }

    /** The price of {@code sku}, if it was requested, exists and has one. */
    public Optional<PriceView> priceOf(String sku) {
        return Optional.ofNullable(priced.get(sku));
    }
}
