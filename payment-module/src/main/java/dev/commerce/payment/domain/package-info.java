/**
 * Payment values in plain Java: the {@link dev.commerce.payment.domain.Payment} and the
 * {@link dev.commerce.payment.domain.IdempotencyRecord} kept per
 * {@link dev.commerce.payment.domain.IdempotencyKey} (a client's key within its user).
 */
package dev.commerce.payment.domain;
