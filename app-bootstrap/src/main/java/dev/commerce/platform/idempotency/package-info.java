/**
 * Idempotency of every POST under {@code /api/v1} that does not keep its own keys (ADR 12): an
 * {@code Idempotency-Key} sent with a reservation, a coupon or an order cancellation is claimed
 * per caller in {@code platform.idempotency_key}, and a retry gets the first response again with
 * {@code Idempotent-Replayed: true}. Payments and orders keep their own keys and are skipped.
 */
package dev.commerce.platform.idempotency;
