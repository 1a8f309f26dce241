package dev.commerce.inventory.application;

import dev.commerce.inventory.GetStockQuery;
import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import dev.commerce.inventory.SetStockCommand;
import dev.commerce.inventory.SetStockUseCase;
import dev.commerce.inventory.StockView;
import dev.commerce.inventory.application.port.LockPort;
import dev.commerce.inventory.application.port.StockRepository;
import dev.commerce.inventory.domain.Stock;
import java.util.List;
import java.util.Objects;

/** Sets and reads the on-hand stock of SKUs. */
public final class StockKeeper implements SetStockUseCase, GetStockQuery {

    private final StockRepository stocks;
    private final LockPort lockPort;

    public StockKeeper(StockRepository stocks, LockPort lockPort) {
        this.stocks = Objects.requireNonNull(stocks, "stocks");
        this.lockPort = Objects.requireNonNull(lockPort, "lockPort");
    }

    @Override
    public StockView setStock(SetStockCommand command) {
        // The row must exist before it can be locked; creating it is idempotent and race-safe.
        stocks.createIfAbsent(command.sku());
        return lockPort.withLockedStocks(List.of(command.sku()), found -> {
            Stock stock = found.get(command.sku());
            if (stock == null) {
                throw notFound(command.sku());
            }
            stock.setOnHand(command.onHand());
            stocks.save(stock);
            return Views.of(stock);
        });
    }

    @Override
    public StockView getStock(String sku) {
        if (sku == null || sku.isBlank()) {
            throw new InventoryException(InventoryErrorCode.INVALID_REQUEST, "sku must not be blank");
        }
        return stocks.find(sku).map(Views::of).orElseThrow(() -> notFound(sku));
    }

    static InventoryException notFound(String sku) {
        return new InventoryException(InventoryErrorCode.PRODUCT_NOT_FOUND, "no product with SKU " + sku);
    }
}
