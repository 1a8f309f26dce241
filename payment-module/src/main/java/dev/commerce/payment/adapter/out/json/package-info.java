/** The JSON bodies recorded under an idempotency key and replayed from it ({@code PaymentResponseFormat}). */
package dev.commerce.payment.adapter.out.json;
