package dev.commerce.payment.adapter.out.memory;

import dev.commerce.payment.application.port.PaymentTransactions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * A per-thread undo log standing in for a database transaction: the in-memory stores record how
 * to undo each write made inside {@link #inTransaction}, and the log is replayed when the work
 * throws. Writes outside a transaction are final at once, like auto-commit.
 */
public final class InMemoryPaymentTransactions implements PaymentTransactions {

    private final ThreadLocal<Deque<Runnable>> undoLog = new ThreadLocal<>();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (undoLog.get() != null) {
            return work.get(); // joins the open transaction
        }
        undoLog.set(new ArrayDeque<>());
        try {
            T result = work.get();
            undoLog.remove();
            return result;
        } catch (RuntimeException | Error e) {
            Deque<Runnable> undos = undoLog.get();
            undoLog.remove();
            while (!undos.isEmpty()) {
                undos.pop().run();
            }
            throw e;
        }
    }

    void onRollback(Runnable undo) {
        Deque<Runnable> undos = undoLog.get();
        if (undos != null) {
            undos.push(undo);
        }
    }
}
