package dev.commerce.inventory.application.port;

import dev.commerce.inventory.domain.Stock;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs work in one transaction while holding exclusive locks on stock rows: the guard every
 * read-modify-write of stock and every reservation status change goes through.
 */
public interface LockPort {

    /**
     * Runs {@code work} inside ONE transaction while holding exclusive locks on the stock rows of
     * {@code skus}.
     *
     * <ul>
     *   <li>Locks are taken in one fixed order (sorted by SKU, duplicates removed), so concurrent
     *       callers with {A,B} and {B,A} never deadlock.</li>
     *   <li>Locks are released only after that transaction committed or rolled back.</li>
     *   <li>A SKU without a stock row is simply not locked; the caller finds it missing and reports
     *       {@code PRODUCT_NOT_FOUND}.</li>
     *   <li>If {@code work} throws, the transaction rolls back (nothing it wrote persists) and the
     *       exception propagates unchanged.</li>
     *   <li>A nested call on the same thread joins the outer transaction.</li>
     * </ul>
     *
     * @throws dev.commerce.inventory.InventoryException {@code LOCK_TIMEOUT} if a lock was not obtained
     *                                                   within the configured lock timeout; then
     *                                                   {@code work} did not run
     */
    <T> T withStocksLocked(Collection<String> skus, Supplier<T> work);

    /**
     * Like {@link #withStocksLocked}, and hands {@code work} the stocks of those SKUs that exist, as
     * read under the locks (keyed by SKU; a missing SKU is absent). An adapter may lock and read in
     * one step (one database round trip for {@code SELECT ... FOR UPDATE} returning the rows), so
     * the rows are locked for a shorter time than with a separate read.
     */
    <T> T withLockedStocks(Collection<String> skus, Function<Map<String, Stock>, T> work);
}
