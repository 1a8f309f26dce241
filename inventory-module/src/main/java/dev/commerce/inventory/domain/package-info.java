/** Inventory aggregates, {@link dev.commerce.inventory.domain.Stock} and {@link dev.commerce.inventory.domain.Reservation}, in plain Java guarding their own invariants. */
package dev.commerce.inventory.domain;
