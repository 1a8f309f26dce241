/**
 * A payment gateway simulator over real HTTP, its ledger in PostgreSQL: started in-process when no
 * gateway URL is configured (local mode only), or run as a process of its own
 * ({@link dev.commerce.payment.adapter.out.gateway.simulator.GatewaySimulatorServer}) standing in
 * for the external gateway of the compose setup.
 */
package dev.commerce.payment.adapter.out.gateway.simulator;
