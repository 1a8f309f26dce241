package dev.commerce.coupon.adapter.out.memory;

import dev.commerce.testing.InMemoryTransaction;

/**
 * The coupon module's transactions over its in-memory repositories: the shared per-thread undo log
 * ({@link InMemoryTransaction}). The repositories record how to undo each write made while a
 * transaction is open, and {@link InMemoryCouponLock} begins one around the work and rolls it back
 * when the work throws. Undoing is safe because the writer still holds the coupon's lock.
 */
public final class InMemoryTransactions extends InMemoryTransaction {
}
