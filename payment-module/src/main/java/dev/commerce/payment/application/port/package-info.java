/** Out-ports the payment use cases need: the idempotency key store, the payment store, transactions, the gateway and the response format. */
package dev.commerce.payment.application.port;
