package dev.commerce.inventory.application;

import dev.commerce.inventory.GetStockQuery;
import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.SetStockCommand;
import dev.commerce.inventory.SetStockUseCase;
import dev.commerce.inventory.StockView;
import dev.commerce.inventory.application.port.StockConcurrency;
import dev.commerce.inventory.application.port.StockRepository;
import dev.commerce.inventory.domain.Stock;
import java.util.List;
import java.util.Objects;

/** Sets and reads the on-hand stock of SKUs. */
public final class StockKeeper implements SetStockUseCase, GetStockQuery {

    private final StockRepository stocks;
    private final StockConcurrency concurrency;

    public StockKeeper(StockRepository stocks, StockConcurrency concurrency) {
        this.stocks = Objects.requireNonNull(stocks, "stocks");
        this.concurrency = Objects.requireNonNull(concurrency, "concurrency");
    }

    @Override
    public StockView setStock(SetStockCommand command) {
        // The row must exist before it can be locked; creating it is idempotent and race-safe.
        stocks.createIfAbsent(command.sku());
        return concurrency.runWithStocks(List.of(command.sku()), found -> {
            Stock stock = found.get(command.sku());
            if (stock == null) {
                throw notFound(command.sku());
            }
            stock.setOnHand(command.onHand());
            stocks.save(stock);
            return InventoryViews.of(stock);
        });
    }

    @Override
    public StockView getStock(String sku) {
        if (sku == null || sku.isBlank()) {
            throw new InventoryException(InventoryErrorCode.INVALID_REQUEST, "sku must not be blank");
        }
        return stocks.find(sku).map(InventoryViews::of).orElseThrow(() -> notFound(sku));
    }

    static InventoryException notFound(String sku) {
        return new InventoryException(InventoryErrorCode.PRODUCT_NOT_FOUND, "no product with SKU " + sku);
    }
}
