/**
 * The order module's Micrometer meters ({@code orders.*}) and the metering decorators around the
 * out-ports that count what the application services do without them knowing (compensations,
 * committed transitions).
 */
package dev.commerce.order.adapter.out.metrics;
