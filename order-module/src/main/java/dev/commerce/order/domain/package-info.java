/** The order aggregate and its lines: plain Java, guarding its own state machine and totals. */
package dev.commerce.order.domain;
