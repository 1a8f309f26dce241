package dev.commerce.order.application.port;

import dev.commerce.order.domain.Order;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores orders. Every status change is one conditional write on the order row that succeeds only
 * from {@code AWAITING_PAYMENT}; of concurrent changes at most one wins. A payment is guarded by a
 * claim on the row (an owner and a lease) taken before the payment module is called, with no
 * transaction or lock held during that call.
 */
public interface OrderRepository {

    void insert(Order order);

    Optional<Order> find(String id);

    /**
     * Claims the payment of an order for {@code owner} until {@code leaseUntil}, if it awaits
     * payment, {@code now} is before {@code payableUntil} and nobody else holds a live claim.
     *
     * @return the order's payment attempt number (it names the charge at the gateway), or empty
     */
    Optional<Integer> claimPayment(String id, String owner, Instant now, Instant leaseUntil, Instant payableUntil);

    /** Gives up {@code owner}'s claim (a failure that charged nothing, or an unknown outcome). */
    void releaseClaim(String id, String owner);

    /** The attempt was declined: the next attempt gets a new number and the claim is given up. */
    void declined(String id, String owner);

    /** {@code AWAITING_PAYMENT} → {@code PAID} with {@code paymentId}; false if it was not awaiting payment. */
    boolean markPaid(String id, String paymentId, Instant now);

    /**
     * {@code AWAITING_PAYMENT} → {@code PAID} with {@code paymentId}, a charge settled after its
     * outcome was unknown: only while the order's payment attempt is {@code attempt} (the charge's)
     * and {@code now} is before its {@code expiresAt} (its reservation is still pending); whoever
     * holds a payment claim. False otherwise.
     */
    boolean markPaidByCharge(String id, String paymentId, int attempt, Instant now);

    /** {@code AWAITING_PAYMENT} → {@code CANCELLED}, if no payment claim is live at {@code now}. */
    boolean markCancelled(String id, Instant now);

    /** {@code AWAITING_PAYMENT} past {@code expiresAt} → {@code EXPIRED}, if no payment claim is live at {@code now}. */
    boolean markExpired(String id, Instant now);

    /**
     * Records on an {@code EXPIRED} or {@code CANCELLED} order a charge that landed after it could no
     * longer be paid, as a {@code PENDING} refund; false if the order is in another status or already
     * records a late charge.
     */
    boolean recordLateCharge(String id, String paymentId);

    /** The order's late charge {@code paymentId} is refunded: {@code PENDING} → {@code REFUNDED}. */
    void markRefunded(String id, String paymentId);

    /** Ids of orders awaiting payment with {@code expiresAt <= now}, oldest first, at most {@code limit}. */
    List<String> findOverdue(Instant now, int limit);
}
