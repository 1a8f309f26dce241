/** Publishes the module's events to Spring, whose event publication registry stores them with the transaction. */
package dev.commerce.payment.adapter.out.events;
