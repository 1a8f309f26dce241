package dev.commerce.payment.adapter.out.memory;

import dev.commerce.payment.application.port.PaymentTransactions;
import dev.commerce.testing.InMemoryTransaction;

/**
 * The payment module's transactions over its in-memory stores: the shared per-thread undo log
 * ({@link InMemoryTransaction}); the stores record how to undo each write, replayed when the work throws.
 */
public final class InMemoryPaymentTransactions extends InMemoryTransaction implements PaymentTransactions {
}
