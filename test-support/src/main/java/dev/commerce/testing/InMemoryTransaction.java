package dev.commerce.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * A per-thread undo log standing in for a database transaction, for the modules' in-memory twins
 * of their persistence adapters. Stores record how to undo each write ({@link #onRollback}) and
 * what to make visible only on commit ({@link #onCommit}); {@link #inTransaction} commits when the
 * work returns and replays the undo log, newest first, when it throws; a transaction already open
 * on the thread is joined. Writes outside a transaction are final at once, like auto-commit.
 *
 * <p>A module's twin of its transaction port extends this class: {@link #inTransaction} has the
 * signature of the ports ({@code PaymentTransactions}, {@code InventoryTransactions}).
 */
public class InMemoryTransaction {

    private final ThreadLocal<Deque<Runnable>> undoLog = new ThreadLocal<>();
    private final ThreadLocal<Deque<Runnable>> onCommit = ThreadLocal.withInitial(ArrayDeque::new);
    private final ThreadLocal<Deque<Runnable>> atEnd = ThreadLocal.withInitial(ArrayDeque::new);

    /** Runs {@code work} in a transaction: joins the open one, else begins one, committed on return, rolled back on a throw. */
    public <T> T inTransaction(Supplier<T> work) {
        if (isActive()) {
            return work.get();
        }
        begin();
        try {
            T result = work.get();
            commit();
            return result;
        } catch (RuntimeException | Error e) {
            rollback();
            throw e;
        }
    }

    public boolean isActive() {
        return undoLog.get() != null;
    }

    public void begin() {
        if (isActive()) {
            throw new IllegalStateException("a transaction is already open on this thread");
        }
        undoLog.set(new ArrayDeque<>());
    }

    /** Forgets the undo log, publishes what waited for the commit (oldest first), then runs the end actions. */
    public void commit() {
        undoLog.remove();
        Deque<Runnable> commits = onCommit.get();
        while (!commits.isEmpty()) {
            commits.removeLast().run();
        }
        end();
    }

    /** Undoes the writes, newest first (a row written twice ends at its value before the transaction), then runs the end actions. */
    public void rollback() {
        Deque<Runnable> undos = undoLog.get();
        undoLog.remove();
        onCommit.get().clear();
        while (undos != null && !undos.isEmpty()) {
            undos.pop().run();
        }
        end();
    }

    /** Records how to undo a write, if a transaction is open; writes outside one are final at once. */
    public void onRollback(Runnable undo) {
        Deque<Runnable> undos = undoLog.get();
        if (undos != null) {
            undos.push(undo);
        }
    }

    /**
     * Makes a write visible to other readers when the open transaction commits (at once outside
     * one), as READ COMMITTED would: nobody reads what a transaction that then rolls back wrote.
     */
    public void onCommit(Runnable publish) {
        if (isActive()) {
            onCommit.get().push(publish);
        } else {
            publish.run();
        }
    }

    /** Runs when the open transaction commits or rolls back, newest first: how row locks taken inside it are released. */
    public void atEnd(Runnable action) {
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
}
