package dev.commerce.order.application;

import dev.commerce.order.ApplySettledChargeUseCase;
import dev.commerce.order.LateChargeRefundNeeded;
import dev.commerce.order.OrderExpired;
import dev.commerce.order.OrderPaid;
import dev.commerce.order.OrderStatus;
import dev.commerce.order.application.port.OrderEvents;
import dev.commerce.order.application.port.OrderRepository;
import dev.commerce.order.application.port.OrderTransactions;
import dev.commerce.order.domain.Order;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An approved charge whose outcome had been unknown was settled by the payment module (its
 * reconciler, or a later retry): the order it was charged for learns it here (ADR 0011).
 * <ul>
 * <li>a charge of an order (its charge key, buyer, total and currency) that still awaits payment
 *     under that attempt and has not reached its expiry: {@code PAID} with {@link OrderPaid} (which
 *     confirms the reservation), in one transaction, as a payment request would;</li>
 * <li>an order past its expiry that still awaits payment (the sweep has not come by): expired here
 *     first ({@link OrderExpired}, stock and coupon given back), then as below;</li>
 * <li>an {@code EXPIRED} or {@code CANCELLED} order: the charge is recorded on it as a late charge
 *     with {@link LateChargeRefundNeeded}, whose listener refunds it;</li>
 * <li>an order that already reflects the charge (paid with it, or recording it as its refund): nothing.
 *     That is the normal case when the buyer's own retry settled the charge.</li>
 * </ul>
 * Idempotent: every step is a conditional write, and a repeat finds the order reflecting the charge.
 */
public final class SettledCharges implements ApplySettledChargeUseCase {

    private static final Logger log = LoggerFactory.getLogger(SettledCharges.class);
    /** Rounds of read and conditional write: a racing expiry or payment sends us round again. */
    private static final int MAX_ROUNDS = 3;

    private final OrderRepository orders;
    private final OrderEvents events;
    private final OrderTransactions transactions;
    private final Clock clock;

    public SettledCharges(OrderRepository orders, OrderEvents events, OrderTransactions transactions, Clock clock) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Outcome settled(long ownerId, String chargeKey, String orderId, String paymentId, long amount,
            String currency) {
        Optional<OrderPayer.ChargeKey> key = OrderPayer.ChargeKey.parse(chargeKey);
        if (key.isEmpty() || !key.get().orderId().equals(orderId)) {
            return Outcome.NOT_AN_ORDER_CHARGE;
        }
        int attempt = key.get().attempt();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<Order> found = orders.find(orderId);
            if (found.isEmpty()) {
                return Outcome.NOT_AN_ORDER_CHARGE;
            }
            Order order = found.get();
            if (order.userId() != ownerId || order.total() != amount || !order.currency().equals(currency)) {
                log.warn("Settled payment {} under key {} does not match order {} (buyer, total or currency): ignored",
                        paymentId, chargeKey, orderId);
                return Outcome.NOT_AN_ORDER_CHARGE;
            }
            if (paymentId.equals(order.paymentId())
                    || (order.refund() != null && paymentId.equals(order.refund().paymentId()))) {
                return Outcome.ALREADY_DONE;
            }
            Instant now = clock.instant();
            switch (order.status()) {
                case PAID -> {
                    return conflict(order, paymentId, "is paid with payment " + order.paymentId());
                }
                case AWAITING_PAYMENT -> {
                    if (now.isBefore(order.expiresAt())) {
                        if (pay(order, paymentId, attempt, now)) {
                            return Outcome.PAID;
                        }
                        Order again = orders.find(orderId).orElseThrow();
                        if (again.status() == OrderStatus.AWAITING_PAYMENT && now.isBefore(again.expiresAt())) {
                            // not this attempt's charge: its attempt was declined, so it cannot be approved
                            return conflict(again, paymentId, "awaits payment under another attempt than " + chargeKey);
                        }
                    } else if (!expire(order, now)) {
                        Order again = orders.find(orderId).orElseThrow();
                        if (again.status() == OrderStatus.AWAITING_PAYMENT) {
                            throw new IllegalStateException("Order " + orderId + " is past its expiry with a live payment"
                                    + " claim; the payment request decides payment " + paymentId + ", to be checked again");
                        }
                    }
                }
                case EXPIRED, CANCELLED -> {
                    if (order.refund() != null) {
                        return conflict(order, paymentId, "is " + order.status() + " refunding another charge");
                    }
                    if (recordLateCharge(order, paymentId)) {
                        return Outcome.REFUND_RECORDED;
                    }
                }
            }
        }
        throw new IllegalStateException("Order " + orderId + " kept changing while settled payment " + paymentId
                + " was applied to it; to be checked again");
    }

    private boolean pay(Order order, String paymentId, int attempt, Instant now) {
        return transactions.inTransaction(() -> {
            if (!orders.markPaidByCharge(order.id(), paymentId, attempt, now)) {
                return false;
            }
            events.publish(new OrderPaid(order.id(), order.userId(), order.reservationId(), order.couponId(), paymentId));
            return true;
        });
    }

    private boolean expire(Order order, Instant now) {
        return transactions.inTransaction(() -> {
            if (!orders.markExpired(order.id(), now)) {
                return false;
            }
            events.publish(new OrderExpired(order.id(), order.userId(), order.reservationId(), order.couponId()));
            return true;
        });
    }

    private boolean recordLateCharge(Order order, String paymentId) {
        return transactions.inTransaction(() -> {
            if (!orders.recordLateCharge(order.id(), paymentId)) {
                return false;
            }
            events.publish(new LateChargeRefundNeeded(order.id(), order.userId(), paymentId));
            return true;
        });
    }

    private static Outcome conflict(Order order, String paymentId, String what) {
        // Not expected: one approved charge per order (ADR 0011). Say so loudly; nothing is refunded here.
        log.error("Settled payment {} is for order {}, which {} (refund {}): not applied", paymentId, order.id(), what,
                order.refund());
        return Outcome.CONFLICT;
    }
}
