package dev.commerce.inventory.application.port;

import java.util.function.Supplier;

/**
 * Runs work in one transaction without taking any lock first: for use cases whose writes guard
 * themselves (a conditional {@code UPDATE}). If {@code work} throws, nothing it wrote persists.
 */
public interface InventoryTransactions {

    <T> T inTransaction(Supplier<T> work);
}
