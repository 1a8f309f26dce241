package dev.commerce.payment;

/**
 * A charge whose outcome had been unknown (the gateway's answer was lost, or the request that made
 * it crashed) has been settled by asking the gateway, and recorded: by the reconciler, or by a
 * later retry with the same key. Published in the transaction that records the payment, only for
 * approved charges. Whoever made the charge may not have learnt of it, so a module that charges on
 * behalf of something (an order) listens and acts on it, idempotently: it may be delivered again,
 * and the retry that settled it may itself have brought the outcome to its caller.
 *
 * @param paymentId      the recorded payment
 * @param orderId        the order id the charge was made for (as the charging request named it)
 * @param ownerId        the user whose idempotency key the charge was made under
 * @param idempotencyKey that user's idempotency key of the charge, as the charging request sent it
 * @param status         the payment's status ({@code APPROVED})
 */
public record PaymentSettled(String paymentId, String orderId, long ownerId, String idempotencyKey,
        PaymentStatus status, long amount, String currency) {
}
