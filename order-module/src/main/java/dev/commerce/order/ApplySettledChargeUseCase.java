package dev.commerce.order;

/**
 * Hands a charge the payment module settled after an unknown outcome to the order it was charged
 * for (ADR 0011): the order is paid with it, or the charge is recorded to be refunded.
 */
public interface ApplySettledChargeUseCase {

    /** What became of a settled charge. */
    enum Outcome {
        /** Not a charge of one of our orders (another key, buyer or amount): nothing to do. */
        NOT_AN_ORDER_CHARGE,
        /** The order awaited payment and is now {@code PAID} with the charge. */
        PAID,
        /** The order could no longer be paid: the charge is recorded to be refunded. */
        REFUND_RECORDED,
        /** The order already reflects the charge (paid with it, or refunding it). */
        ALREADY_DONE,
        /** Not expected (another charge paid or is refunded on the order): logged, nothing done. */
        CONFLICT
    }

    /**
     * @param ownerId   the user the charge was made for
     * @param chargeKey the charge's idempotency key ({@code order:<id>:<attempt>} for an order's charge)
     * @param orderId   the order id the charge names
     * @throws IllegalStateException when the order is past its expiry but a payment request still
     *         holds a live claim on it: that request decides; asking again later (a redelivery) is safe
     */
    Outcome settled(long ownerId, String chargeKey, String orderId, String paymentId, long amount, String currency);
}
