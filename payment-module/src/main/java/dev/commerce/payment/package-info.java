/**
 * Payment: charges through an external payment gateway, made safe to retry by idempotency keys so
 * that no retried or duplicated request charges twice.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Payment")
package dev.commerce.payment;
