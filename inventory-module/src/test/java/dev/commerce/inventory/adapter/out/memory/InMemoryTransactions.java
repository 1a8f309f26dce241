package dev.commerce.inventory.adapter.out.memory;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A per-thread undo log standing in for a database transaction: the in-memory repositories record
 * how to undo each write made while a transaction is open, and {@link InMemoryStockConcurrency} replays
 * them when the work throws. Undoing is safe because the writer still holds the rows' locks.
 */
public final class InMemoryTransactions {

    private final ThreadLocal<Deque<Runnable>> undoLog = new ThreadLocal<>();
    private final ThreadLocal<Deque<Runnable>> atEnd = ThreadLocal.withInitial(ArrayDeque::new);
    private final ThreadLocal<Deque<Runnable>> onCommit = ThreadLocal.withInitial(ArrayDeque::new);

    boolean isActive() {
        return undoLog.get() != null;
    }

    void begin() {
        if (isActive()) {
            throw new IllegalStateException("a transaction is already open on this thread");
        }
        undoLog.set(new ArrayDeque<>());
    }

    void commit() {
        undoLog.remove();
        Deque<Runnable> commits = onCommit.get();
        while (!commits.isEmpty()) {
            commits.removeLast().run();
        }
        end();
    }

    void rollback() {
        Deque<Runnable> undos = undoLog.get();
        undoLog.remove();
        onCommit.get().clear();
        // Newest first, so a row written twice ends at its value before the transaction.
        while (undos != null && !undos.isEmpty()) {
            undos.pop().run();
        }
        end();
    }

    /** Runs when the open transaction commits or rolls back: how row locks taken inside it are released. */
    void atEnd(Runnable action) {
        if (!isActive()) {
            throw new IllegalStateException("no transaction is open on this thread");
        }
        atEnd.get().push(action);
    }

    private void end() {
        Deque<Runnable> actions = atEnd.get();
        while (!actions.isEmpty()) {
            actions.pop().run();
        }
    }

    /** Records how to undo a write, if a transaction is open; writes outside one are final at once. */
    void onRollback(Runnable undo) {
        Deque<Runnable> undos = undoLog.get();
        if (undos != null) {
            undos.push(undo);
        }
    }

    /**
     * Makes a write visible to other readers when the open transaction commits (at once outside
     * one), as READ COMMITTED would: nobody reads what a transaction that then rolls back wrote.
     */
    void onCommit(Runnable publish) {
        if (isActive()) {
            onCommit.get().push(publish);
        } else {
            publish.run();
        }
    }
}
