/** Payment values in plain Java: the {@link dev.commerce.payment.domain.Payment} and the {@link dev.commerce.payment.domain.IdempotencyRecord} kept per key. */
package dev.commerce.payment.domain;
