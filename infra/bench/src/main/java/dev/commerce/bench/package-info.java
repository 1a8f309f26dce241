/**
 * Benchmarks: Gatling simulations of the service's hot paths, the physical limits they are
 * compared with (plain JDBC, plain Redisson), invariant checks after each scenario, and the report.
 */
package dev.commerce.bench;
