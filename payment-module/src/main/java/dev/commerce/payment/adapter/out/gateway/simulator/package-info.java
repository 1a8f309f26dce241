/** A payment gateway simulator over real HTTP, used when no gateway URL is configured; its ledger lives in PostgreSQL. */
package dev.commerce.payment.adapter.out.gateway.simulator;
