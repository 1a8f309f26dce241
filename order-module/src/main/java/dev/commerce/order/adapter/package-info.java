/**
 * The order module's adapters, one package each; here only what they share ({@link OrderProperties})
 * and the wiring of the use cases to the ports ({@code OrderUseCaseConfiguration}).
 */
package dev.commerce.order.adapter;
