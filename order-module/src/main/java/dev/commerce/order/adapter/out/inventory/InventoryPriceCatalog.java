package dev.commerce.order.adapter.out.inventory;

import dev.commerce.inventory.GetPricesQuery;
import dev.commerce.inventory.ProductPrices;
import dev.commerce.order.application.port.PriceCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prices from {@link GetPricesQuery}. */
class InventoryPriceCatalog implements PriceCatalog {

    private final GetPricesQuery prices;

    InventoryPriceCatalog(GetPricesQuery prices) {
        this.prices = prices;
    }

    @Override
    public Prices pricesOf(List<String> skus) {
        ProductPrices found = prices.pricesOf(skus);
        Map<String, UnitPrice> priced = new LinkedHashMap<>();
        found.priced().forEach((sku, price) -> priced.put(sku, new UnitPrice(price.price(), price.currency())));
        return new Prices(priced, found.unpriced(), found.unknown());
    }
}
