package dev.commerce.inventory.adapter.out.memory;

import dev.commerce.inventory.application.port.InventoryTransactions;
import java.util.function.Supplier;

/** A transaction over the in-memory repositories: their writes are undone if the work throws. */
public final class InMemoryInventoryTransactions implements InventoryTransactions {

    private final InMemoryTransactions transactions;

    public InMemoryInventoryTransactions(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (transactions.isActive()) {
            return work.get();
        }
        transactions.begin();
        try {
            T result = work.get();
            transactions.commit();
            return result;
        } catch (RuntimeException | Error e) {
            transactions.rollback();
            throw e;
        }
    }
}
