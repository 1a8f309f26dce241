package dev.commerce.inventory.application.port;

import dev.commerce.inventory.domain.Stock;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a change to stock rows serialised against concurrent writers of those rows: the guard every
 * read-modify-write of stock and every reservation status change goes through. How is the
 * adapter's choice: by holding the rows' locks ({@code SELECT ... FOR UPDATE}, the row-lock
 * strategy) or by version-checked attempts retried until one wins (the optimistic strategy). Either
 * way the work sees no other writer's change to those rows between its reads and its writes.
 */
public interface StockConcurrency {

    /**
     * Runs {@code work} inside ONE transaction, serialised against every other change to the stock
     * rows of {@code skus}.
     *
     * <ul>
     *   <li>A row-lock adapter locks the rows in one fixed order (sorted by SKU, duplicates removed),
     *       so concurrent callers with {A,B} and {B,A} never deadlock, and releases the locks only
     *       after that transaction committed or rolled back. An optimistic adapter holds no lock:
     *       an attempt that lost a race to another writer rolls back and {@code work} runs again, so
     *       {@code work} must only read and write through the module's ports.</li>
     *   <li>A SKU without a stock row is simply not guarded; the caller finds it missing and reports
     *       {@code PRODUCT_NOT_FOUND}.</li>
     *   <li>If {@code work} throws, the transaction rolls back (nothing it wrote persists) and the
     *       exception propagates unchanged.</li>
     *   <li>A nested call on the same thread joins the outer transaction.</li>
     * </ul>
     *
     * @throws dev.commerce.inventory.InventoryException {@code LOCK_TIMEOUT} if the rows could not be
     *                                                   had in time (a lock not obtained within the
     *                                                   lock timeout, or every attempt lost its race)
     */
    <T> T run(Collection<String> skus, Supplier<T> work);

    /**
     * Like {@link #run}, and hands {@code work} the stocks of those SKUs that exist, as
     * read under that guard (keyed by SKU; a missing SKU is absent). An adapter may lock and read in
     * one step (one database round trip for {@code SELECT ... FOR UPDATE} returning the rows), so
     * the rows are locked for a shorter time than with a separate read.
     */
    <T> T runWithStocks(Collection<String> skus, Function<Map<String, Stock>, T> work);
}
