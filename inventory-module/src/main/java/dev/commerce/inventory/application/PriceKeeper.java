package dev.commerce.inventory.application;

import dev.commerce.inventory.GetPriceQuery;
import dev.commerce.inventory.GetPricesQuery;
import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.PriceView;
import dev.commerce.inventory.ProductPrices;
import dev.commerce.inventory.SetPriceCommand;
import dev.commerce.inventory.SetPriceUseCase;
import dev.commerce.inventory.application.port.PriceRepository;
import dev.commerce.inventory.application.port.StockRepository;
import dev.commerce.inventory.application.port.InventoryTransactions;
import dev.commerce.inventory.domain.Price;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Sets and reads the prices of SKUs. A price lives apart from the stock, so setting one never takes
 * the stock row lock that reservations queue for, and never changes stock or reservations.
 */
public final class PriceKeeper implements SetPriceUseCase, GetPriceQuery, GetPricesQuery {

    private final StockRepository stocks;
    private final PriceRepository prices;
    private final InventoryTransactions transactions;

    public PriceKeeper(StockRepository stocks, PriceRepository prices, InventoryTransactions transactions) {
        this.stocks = Objects.requireNonNull(stocks, "stocks");
        this.prices = Objects.requireNonNull(prices, "prices");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public PriceView setPrice(SetPriceCommand command) {
        Price price = new Price(command.price(), command.currency());
        return transactions.inTransaction(() -> {
            // Only an unknown SKU is created: inserting over an existing stock row would wait for a
            // reservation that is writing it, and a price has no reason to.
            if (stocks.find(command.sku()).isEmpty()) {
                stocks.createIfAbsent(command.sku());
            }
            prices.save(command.sku(), price);
            return InventoryViews.of(command.sku(), price);
        });
    }

    @Override
    public PriceView getPrice(String sku) {
        if (sku == null || sku.isBlank()) {
            throw InventoryException.invalidRequest("sku must not be blank");
        }
        Optional<Price> price = prices.findAll(List.of(sku)).get(sku);
        if (price == null) {
            throw StockKeeper.notFound(sku);
        }
        return price.map(found -> InventoryViews.of(sku, found)).orElseThrow(() -> new InventoryException(
                InventoryErrorCode.PRODUCT_NOT_FOUND, "product " + sku + " has no price"));
    }

    @Override
    public ProductPrices pricesOf(Collection<String> skus) {
        if (skus == null) {
            throw InventoryException.invalidRequest("skus must not be null");
        }
        Set<String> requested = new LinkedHashSet<>();
        for (String sku : skus) {
            if (sku == null || sku.isBlank()) {
                throw InventoryException.invalidRequest("a sku must not be blank");
            }
            requested.add(sku);
        }
        Map<String, Optional<Price>> found = requested.isEmpty() ? Map.of() : prices.findAll(requested);
        Map<String, PriceView> priced = new LinkedHashMap<>();
        Set<String> unpriced = new LinkedHashSet<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (String sku : requested) {
            Optional<Price> price = found.get(sku);
            if (price == null) {
                unknown.add(sku);
            } else if (price.isEmpty()) {
                unpriced.add(sku);
            } else {
                priced.put(sku, InventoryViews.of(sku, price.get()));
            }
        }
        return new ProductPrices(priced, unpriced, unknown);
    }
}
