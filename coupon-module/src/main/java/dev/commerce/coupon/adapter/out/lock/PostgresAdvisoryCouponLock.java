package dev.commerce.coupon.adapter.out.lock;

import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.application.port.FencingToken;
import dev.commerce.coupon.application.port.CouponLock;
import java.sql.SQLException;
import java.time.Duration;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The coupon {@link CouponLock} on a PostgreSQL advisory transaction lock
 * ({@code pg_advisory_xact_lock} on a 64-bit hash of the coupon id) under a {@code lock_timeout}:
 * the fallback while Redis is down, or the only lock with {@code commerce.coupon.lock.type=database}.
 * The lock ends with the transaction, so it is always released after commit or rollback.
 *
 * <p>Fencing: the token handed to the work is the coupon's stored {@code fence_token}, read under
 * the lock. It never moves the stored token backwards or forwards, so Redisson holders keep their
 * order when Redis returns; over-issue stays impossible through the conditional UPDATE and the
 * unique constraint, which hold whichever lock is in use.
 */
final class PostgresAdvisoryCouponLock implements CouponLock {

    private static final String LOCK = """
            SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?, 0))) AS locked""";

    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final String lockTimeout;
    private final Duration retryAfter;
    private final LockMetrics metrics;

    PostgresAdvisoryCouponLock(PlatformTransactionManager transactionManager, JdbcClient jdbc,
            Duration waitTime, Duration retryAfter, LockMetrics metrics) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.lockTimeout = Math.max(1, waitTime.toMillis()) + "ms";
        this.retryAfter = retryAfter;
        this.metrics = metrics;
    }

    /**
     * lock_not_available (55P03) after {@code lock_timeout}. Spring does not translate it to a
     * {@link PessimisticLockingFailureException} for every statement (for this SELECT it is an
     * uncategorized SQL exception), so the SQL state is checked as well.
     */
    static boolean isLockTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PessimisticLockingFailureException
                    || cause instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public <T> T withCouponLocked(String couponId, LockedWork<T> work) {
        long start = System.nanoTime();
        long[] heldSince = {0};
        try {
            return transactions.execute(status -> {
                jdbc.sql("SELECT set_config('lock_timeout', ?, true)").param(lockTimeout).query(String.class).single();
                try {
                    jdbc.sql(LOCK).param("coupon:" + couponId).query(Integer.class).single();
                } catch (DataAccessException e) {
                    metrics.waited(LockMetrics.DATABASE, couponId, System.nanoTime() - start, false);
                    throw e;
                }
                heldSince[0] = System.nanoTime();
                metrics.waited(LockMetrics.DATABASE, couponId, heldSince[0] - start, true);
                FencingToken fence = jdbc.sql("SELECT fence_token, fence_holder FROM coupon.coupon WHERE id = ?")
                        .param(couponId).query((row, n) -> new FencingToken(row.getLong(1), row.getString(2)))
                        .optional().orElse(new FencingToken(0, ""));
                return work.run(fence);
            });
        } catch (DataAccessException e) {
            if (!isLockTimeout(e)) {
                throw e;
            }
            throw CouponException.lockUnavailable("coupon " + couponId + " is busy; its database lock was not "
                    + "obtained within " + lockTimeout + ". Retry later.", retryAfter, e);
        } finally {
            if (heldSince[0] != 0) {
                metrics.held(LockMetrics.DATABASE, System.nanoTime() - heldSince[0]);
            }
        }
    }
}
