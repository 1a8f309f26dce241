package dev.commerce.order.application;

import dev.commerce.order.LateChargeRefundNeeded;
import dev.commerce.order.OrderErrorCode;
import dev.commerce.order.OrderException;
import dev.commerce.order.OrderPaid;
import dev.commerce.order.OrderResponse;
import dev.commerce.order.OrderStatus;
import dev.commerce.order.PayOrderCommand;
import dev.commerce.order.PayOrderUseCase;
import dev.commerce.order.application.port.OrderEvents;
import dev.commerce.order.application.port.OrderPayments;
import dev.commerce.order.application.port.OrderRepository;
import dev.commerce.order.application.port.OrderTransactions;
import dev.commerce.order.application.port.RequestKey;
import dev.commerce.order.application.port.RequestKeyStore;
import dev.commerce.order.domain.Order;
import dev.commerce.shared.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pays orders, one approved charge per order however many requests, keys and instances race:
 * <ol>
 * <li>one conditional update claims the order's payment (it awaits payment, is not too close to its
 *     expiry, and nobody else holds a live claim); every other request is refused at once;</li>
 * <li>the payment module is called with no transaction open, under a charge key made of the order
 *     and its attempt number, so a repeated or taken-over attempt is deduplicated by the gateway;</li>
 * <li>one short transaction marks the order paid (conditionally) and publishes {@link OrderPaid}.</li>
 * </ol>
 * A decline gives up the claim and moves to the next attempt number; a total of 0 is settled
 * without calling the payment module. An approved charge that finds the order no longer payable
 * (its claim outlived: the order expired or was cancelled meanwhile) is refunded through the
 * payment module and recorded on the order ({@link LateChargeRefundNeeded}); the buyer gets
 * {@code 409 ORDER_NOT_PAYABLE} saying so.
 */
public final class OrderPayer implements PayOrderUseCase {

    private static final Logger log = LoggerFactory.getLogger(OrderPayer.class);

    private final OrderRepository orders;
    private final OrderPayments payments;
    private final OrderEvents events;
    private final OrderTransactions transactions;
    private final KeyedRequests keyed;
    private final Clock clock;
    private final OrderSettings settings;
    private final LateChargeRefunds refunds;

    public OrderPayer(OrderRepository orders, OrderPayments payments, OrderEvents events,
            OrderTransactions transactions, RequestKeyStore keys, Clock clock, OrderSettings settings,
            LateChargeRefunds refunds) {
        this.refunds = Objects.requireNonNull(refunds, "refunds");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keyed = new KeyedRequests(keys, clock, settings.keyLease());
    }

    @Override
    public OrderResponse pay(Caller caller, PayOrderCommand command) {
        // the order must be the caller's before the key records anything about it
        visibleOrder(caller, command.orderId());
        return keyed.run(new RequestKey(caller.userId(), command.idempotencyKey()), command.fingerprint(),
                command::orderId, orderId -> payAs(caller, orderId));
    }

    private OrderResponse payAs(Caller caller, String orderId) {
        Order order = visibleOrder(caller, orderId);
        Instant now = clock.instant();
        order.requirePayable(now, settings.paymentLease());
        String owner = UUID.randomUUID().toString();
        int attempt = orders.claimPayment(orderId, owner, now, now.plus(settings.paymentLease()),
                order.payableUntil(settings.paymentLease())).orElseThrow(() -> notClaimed(orderId, now));
        if (order.isFree()) {
            return settle(order, null);
        }
        OrderPayments.Outcome outcome;
        try {
            outcome = payments.charge(order.userId(), chargeKey(orderId, attempt), orderId, order.total(),
                    order.currency());
        } catch (RuntimeException e) {
            // nothing charged, or an outcome the next attempt (same charge key) settles by asking the gateway
            orders.releaseClaim(orderId, owner);
            throw e;
        }
        if (!outcome.approved()) {
            orders.declined(orderId, owner);
            throw new OrderException(OrderErrorCode.PAYMENT_DECLINED, "The payment gateway declined the payment "
                    + outcome.paymentId() + "; the order may be paid again with a new Idempotency-Key until it expires.");
        }
        return settle(order, outcome.paymentId());
    }

    /** The charge key of an attempt: the same attempt (a retry, a take-over) is charged at most once. */
    static String chargeKey(String orderId, int attempt) {
        return new ChargeKey(orderId, attempt).value();
    }

    /** An order's charge key, {@code order:<orderId>:<attempt>}. */
    record ChargeKey(String orderId, int attempt) {

        private static final String PREFIX = "order:";

        String value() {
            return PREFIX + orderId + ":" + attempt;
        }

        /** The order and attempt of an order's charge key; empty for any other key. */
        static Optional<ChargeKey> parse(String key) {
            int last = key.lastIndexOf(':');
            if (!key.startsWith(PREFIX) || last <= PREFIX.length()) {
                return Optional.empty();
            }
            try {
                int attempt = Integer.parseInt(key.substring(last + 1));
                return attempt < 0 ? Optional.empty() : Optional.of(new ChargeKey(key.substring(PREFIX.length(), last), attempt));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private OrderResponse settle(Order order, String paymentId) {
        Instant now = clock.instant();
        boolean paid = transactions.inTransaction(() -> {
            if (!orders.markPaid(order.id(), paymentId, now)) {
                return false;
            }
            events.publish(new OrderPaid(order.id(), order.userId(), order.reservationId(), order.couponId(), paymentId));
            return true;
        });
        if (paid) {
            return new OrderResponse(201, order.paid(paymentId).view(), false);
        }
        Order current = orders.find(order.id()).orElseThrow();
        if (current.status() == OrderStatus.PAID && Objects.equals(current.paymentId(), paymentId)) {
            return new OrderResponse(201, current.view(), false); // a take-over of this attempt got there first
        }
        if (paymentId == null) {
            throw new OrderException(OrderErrorCode.ORDER_NOT_PAYABLE, "The order is " + current.status()
                    + "; nothing was charged.");
        }
        // Only after the payment lease ran out can this happen (ADR 0011): the charge is refunded.
        return refundLateCharge(current, paymentId);
    }

    /**
     * The approved charge landed on an order that can no longer be paid: record it on the order and
     * publish {@link LateChargeRefundNeeded} in one transaction (so a crash before the refund resumes
     * through the event's redelivery), then try the refund at once for the buyer's answer; the
     * listener's refund of the same payment is then a no-op.
     */
    private OrderResponse refundLateCharge(Order current, String paymentId) {
        boolean recorded = transactions.inTransaction(() -> {
            if (!orders.recordLateCharge(current.id(), paymentId)) {
                return false;
            }
            events.publish(new LateChargeRefundNeeded(current.id(), current.userId(), paymentId));
            return true;
        });
        if (!recorded) {
            Order again = orders.find(current.id()).orElseThrow();
            if (again.refund() == null || !again.refund().paymentId().equals(paymentId)) {
                // Not expected: one approved charge per order (ADR 0011). Say so loudly; nothing is refunded here.
                log.error("Order {} is {} and payment {} landed on it, but it records refund {}: not refunded",
                        current.id(), again.status(), paymentId, again.refund());
                throw new OrderException(OrderErrorCode.ORDER_NOT_PAYABLE, "The order became " + again.status()
                        + " while payment " + paymentId + " was being charged; the charge is to be refunded.");
            }
            // a retry or a take-over of this attempt recorded it first
        }
        boolean refunded;
        try {
            refunds.refund(current.id(), paymentId);
            refunded = true;
        } catch (RuntimeException e) {
            // LateChargeRefundNeeded carries it on
            log.warn("Refund of late payment {} for order {} failed for now; the event retries it: {}", paymentId,
                    current.id(), e.toString());
            refunded = false;
        }
        throw new OrderException(OrderErrorCode.ORDER_NOT_PAYABLE, "The order became " + current.status()
                + " while payment " + paymentId + " was being charged; the charge "
                + (refunded ? "was refunded" : "is being refunded") + " through the payment gateway (see the order's refund).");
    }

    private OrderException notClaimed(String orderId, Instant now) {
        Order current = orders.find(orderId).orElseThrow(() -> OrderException.notFound(orderId));
        current.requirePayable(now, settings.paymentLease());
        return KeyedRequests.inProgress();
    }

    private Order visibleOrder(Caller caller, String orderId) {
        Optional<Order> order = orders.find(orderId);
        return order.filter(found -> caller.maySee(found.userId())).orElseThrow(() -> OrderException.notFound(orderId));
    }
}
