/** Scheduled payment upkeep: settling unknown outcomes with the gateway and sweeping old keys. */
package dev.commerce.payment.adapter.in.scheduling;
