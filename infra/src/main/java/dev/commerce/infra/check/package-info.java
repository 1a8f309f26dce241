/**
 * The invariant checker: reads the database and proves what the service promises (nothing
 * oversold, nothing over-issued, at most one charge per key), for tests and benchmarks alike.
 */
package dev.commerce.infra.check;
