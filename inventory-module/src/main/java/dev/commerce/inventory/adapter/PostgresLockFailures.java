package dev.commerce.inventory.adapter;

import dev.commerce.inventory.InventoryErrorCode;
import dev.commerce.inventory.InventoryException;
import java.sql.SQLException;
import java.time.Duration;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * How the adapters that wait for stock row locks in PostgreSQL (the row-lock strategy's and the
 * plain transactions') set {@code lock_timeout} and answer a lock they did not get: in one place,
 * so that sibling adapter packages need not lean on each other for it.
 */
public final class PostgresLockFailures {

    private PostgresLockFailures() {
    }

    /** {@code lockTimeout} as {@code set_config('lock_timeout', ...)} takes it, at least 1 ms (e.g. {@code 2000ms}). */
    public static String lockTimeoutSetting(Duration lockTimeout) {
        return Math.max(1, lockTimeout.toMillis()) + "ms";
    }

    /**
     * lock_not_available (55P03, after lock_timeout) or a deadlock victim (40P01). Spring translates
     * the latter, but leaves the former uncategorized, so the SQL state is read directly.
     */
    public static boolean isLockFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PessimisticLockingFailureException) {
                return true;
            }
            if (cause instanceof SQLException sql && ("55P03".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The answer to a lock not had within {@code lockTimeoutSetting}: busy, retry in a second. */
    public static InventoryException busy(String lockTimeoutSetting, Throwable cause) {
        return new InventoryException(InventoryErrorCode.LOCK_TIMEOUT,
                "Stock is busy; could not lock it within " + lockTimeoutSetting + ". Retry later.",
                Duration.ofSeconds(1), cause);
    }
}
