/**
 * The conditional strategy ({@code commerce.inventory.strategy=conditional}): a reservation is one
 * {@code UPDATE ... WHERE on_hand - reserved >= ?} per line, in SKU order, in one transaction with
 * {@code lock_timeout} ({@link dev.commerce.inventory.application.ConditionalStockReserver}); the
 * database checks and reserves in one statement, with no lock taken first. Confirm, cancel, expiry
 * and stock setting still run under the row lock ({@code adapter.out.rowlock}).
 *
 * <p>Guarded by the {@code WHERE} of {@link dev.commerce.inventory.adapter.out.conditional.JdbcAvailableStock}
 * (mutation {@code inv-conditional-available}, proven by {@code InventoryRowGuardsIT}) and by the
 * SKU order of the updates ({@code inv-lock-order-conditional}, {@code ReservationRaceGuardsTest});
 * the whole strategy by {@code ConditionalInventoryConcurrencyIT} (app-bootstrap,
 * {@code dev.commerce.fullstack.inventory}) and {@code ConditionalReservationConcurrencyTest}.
 */
package dev.commerce.inventory.adapter.out.conditional;
