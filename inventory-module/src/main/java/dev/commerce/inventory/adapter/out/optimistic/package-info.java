/**
 * The optimistic strategy, {@code commerce.inventory.strategy=optimistic}: no locks taken first.
 * Every row carries a version; an attempt reads rows and their versions in a REPEATABLE READ
 * transaction and saves a row only if its version is still the one read (compare-and-set); an
 * attempt that lost a race rolls back and runs again after a short random pause, at most
 * {@code commerce.inventory.optimistic-max-attempts} times, then the request is answered
 * {@code LOCK_TIMEOUT}.
 *
 * <p>Guarded by the {@code WHERE ... version = ?} of {@code VersionCheckedStockRepository} (mutation
 * {@code inv-optimistic-version}, proven by {@code InventoryRowGuardsIT}); the whole strategy by
 * {@code OptimisticInventoryConcurrencyIT} (app-bootstrap, {@code dev.commerce.fullstack.inventory}).
 */
package dev.commerce.inventory.adapter.out.optimistic;
