/** The payment gateway adapter: the gateway's HTTP API behind the module's {@code PaymentGateway}. */
package dev.commerce.payment.adapter.out.gateway;
