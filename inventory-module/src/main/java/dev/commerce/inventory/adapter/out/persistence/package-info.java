/**
 * PostgreSQL adapters every strategy shares: the reservation and price stores, transactions with
 * {@code lock_timeout}, and the plain stock store (of the row-lock and conditional strategies).
 * The strategies themselves are the sibling packages {@code rowlock}, {@code optimistic} and
 * {@code conditional}.
 */
package dev.commerce.inventory.adapter.out.persistence;
