package dev.commerce.inventory.application;

import dev.commerce.testing.MutableClock;
import dev.commerce.inventory.SetPriceCommand;
import dev.commerce.inventory.SetStockCommand;
import dev.commerce.inventory.StockView;
import dev.commerce.inventory.adapter.out.memory.InMemoryStockConcurrency;
import dev.commerce.inventory.adapter.out.memory.InMemoryPriceRepository;
import dev.commerce.inventory.adapter.out.memory.InMemoryRowLocks;
import dev.commerce.inventory.adapter.out.memory.InMemoryInventoryTransactions;
import dev.commerce.inventory.adapter.out.memory.InMemoryReservationRepository;
import dev.commerce.inventory.adapter.out.memory.InMemoryStockRepository;
import dev.commerce.inventory.domain.Stock;
import dev.commerce.shared.Caller;
import java.time.Duration;
import java.time.Instant;

/** The inventory use cases wired to in-memory adapters, as app-bootstrap wires the real ones. */
final class Inventory {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration LIFETIME = ReservationSettings.DEFAULT_LIFETIME;
    // Generous, so that contention on two cores never turns into a timeout; tests assert none happens.
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);
    static final int COMBINE_LIMIT = 16;
    /** Who places and reads reservations in the tests, unless a test is about someone else. */
    static final Caller BUYER = Caller.buyer(1);
    static final Caller OTHER_BUYER = Caller.buyer(2);
    static final Caller ADMIN = Caller.administrator(99);

    final MutableClock clock = new MutableClock(START);
    final InMemoryInventoryTransactions transactions = new InMemoryInventoryTransactions();
    final InMemoryRowLocks rowLocks;
    final InMemoryStockRepository stocks;
    final InMemoryReservationRepository reservations = new InMemoryReservationRepository(transactions);
    final InMemoryStockConcurrency concurrency;
    final InMemoryPriceRepository prices;
    final StockKeeper stockKeeper;
    final PriceKeeper priceKeeper;
    final StockReserver reserver;
    /** Batches per SKU set, and counts the batch sizes it ran. */
    final StockReserver combiningReserver;
    final java.util.List<Integer> batchSizes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    final ConditionalStockReserver conditionalReserver;
    final ReservationCloser closer;
    final ReservationReader reader;
    final ReservationExpirer expirer;

    Inventory() {
        this(LOCK_TIMEOUT);
    }

    Inventory(Duration lockTimeout) {
        rowLocks = new InMemoryRowLocks(lockTimeout);
        stocks = new InMemoryStockRepository(transactions, rowLocks);
        concurrency = new InMemoryStockConcurrency(stocks, transactions, rowLocks);
        stockKeeper = new StockKeeper(stocks, concurrency);
        prices = new InMemoryPriceRepository(stocks, transactions);
        priceKeeper = new PriceKeeper(stocks, prices, transactions);
        reserver = new StockReserver(stocks, reservations, concurrency, clock, new ReservationSettings(LIFETIME));
        combiningReserver = new StockReserver(stocks, reservations, concurrency, clock, new ReservationSettings(LIFETIME),
                new Combiner<>(COMBINE_LIMIT, lockTimeout, () -> new IllegalStateException("combiner timed out"),
                        batchSizes::add));
        conditionalReserver = new ConditionalStockReserver(stocks, stocks, reservations,
                transactions, clock, new ReservationSettings(LIFETIME));
        closer = new ReservationCloser(reservations, stocks, concurrency, clock);
        reader = new ReservationReader(reservations);
        expirer = new ReservationExpirer(reservations, stocks, concurrency);
    }

    /** Creates the SKU if needed and sets its on-hand stock. */
    Inventory withStock(String sku, long onHand) {
        stockKeeper.setStock(new SetStockCommand(sku, onHand));
        return this;
    }

    /** Creates the SKU if needed and sets its price. */
    Inventory withPrice(String sku, long price, String currency) {
        priceKeeper.setPrice(new SetPriceCommand(sku, price, currency));
        return this;
    }

    /** The stored stock, read straight from the repository rather than through a use case. */
    Stock stored(String sku) {
        return stocks.find(sku).orElseThrow(() -> new AssertionError("no stock row for " + sku));
    }

    StockView view(String sku) {
        return stockKeeper.getStock(sku);
    }
}
