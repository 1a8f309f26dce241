package dev.commerce.inventory.adapter.out.memory;

import dev.commerce.inventory.application.port.InventoryTransactions;
import dev.commerce.testing.InMemoryTransaction;

/**
 * The inventory module's transactions over its in-memory repositories: the shared per-thread undo
 * log ({@link InMemoryTransaction}). The repositories record how to undo each write (safe because
 * the writer still holds the rows' locks, released at the transaction's end) and publish request
 * keys only on commit.
 */
public final class InMemoryInventoryTransactions extends InMemoryTransaction implements InventoryTransactions {
}
