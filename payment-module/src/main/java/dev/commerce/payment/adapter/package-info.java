/**
 * The payment module's adapters, one package each; here only what they share ({@link PaymentProperties})
 * and the wiring of the use cases to the ports ({@code PaymentUseCaseConfiguration}).
 */
package dev.commerce.payment.adapter;
