/**
 * The inventory module's adapters: one package per concurrency strategy under {@code out}
 * ({@code rowlock}, the default; {@code optimistic}; {@code conditional}), the stores every strategy
 * shares ({@code out.persistence}), gauges ({@code out.metrics}), and the inbound web and scheduling
 * adapters. Each package wires itself with a package-private configuration; this package holds what
 * they share: the settings ({@link dev.commerce.inventory.adapter.InventoryProperties}), the strategy
 * condition, the answer to a lock not had, and the wiring of the strategy-independent use cases.
 */
package dev.commerce.inventory.adapter;
