/**
 * The row-lock strategy, {@code commerce.inventory.strategy=pessimistic} (the default): every change
 * to stock rows runs in one transaction that first takes the rows' locks with
 * {@code SELECT ... FOR UPDATE}, in one fixed (byte) order so that no two requests deadlock, with
 * {@code lock_timeout} set, and holds them until it ends. In front of PostgreSQL a fair in-process
 * queue per stripe of SKUs ({@code LocalRowQueue}) lets only one request of this instance wait at a
 * row; reservations that queue for the same rows are placed in batches under one lock
 * ({@link dev.commerce.inventory.application.Combiner}). The conditional strategy uses the row lock
 * too, for everything but its reservations.
 *
 * <p>Guarded by the {@code FOR UPDATE} of {@code RowLockStockConcurrency} (mutations
 * {@code inv-row-lock-reserve} and {@code inv-row-lock-change}, proven by {@code InventoryRowGuardsIT}
 * with two adapters as two instances) and by the queue's stripe order ({@code inv-lock-order-local-queue},
 * {@code LocalRowQueueTest}); the whole strategy by {@code InventoryConcurrencyIT} (app-bootstrap,
 * {@code dev.commerce.fullstack.inventory}), {@code ReservationConcurrencyTest} and
 * {@code CombiningReservationConcurrencyTest}.
 */
package dev.commerce.inventory.adapter.out.rowlock;
