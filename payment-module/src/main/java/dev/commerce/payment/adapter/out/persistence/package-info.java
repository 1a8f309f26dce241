/** PostgreSQL adapters of the payment out-ports: the idempotency key store, the payment store and transactions. */
package dev.commerce.payment.adapter.out.persistence;
