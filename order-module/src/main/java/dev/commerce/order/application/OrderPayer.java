package dev.commerce.order.application;

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
 * without calling the payment module.
 */
public final class OrderPayer implements PayOrderUseCase {

    private final OrderRepository orders;
    private final OrderPayments payments;
    private final OrderEvents events;
    private final OrderTransactions transactions;
    private final KeyedRequests keyed;
    private final Clock clock;
    private final OrderSettings settings;

    public OrderPayer(OrderRepository orders, OrderPayments payments, OrderEvents events,
            OrderTransactions transactions, RequestKeyStore keys, Clock clock, OrderSettings settings) {
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
        return "order:" + orderId + ":" + attempt;
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
        // Only after the payment lease ran out can this happen (ADR 0011); the charge must be refunded.
        throw new OrderException(OrderErrorCode.ORDER_NOT_PAYABLE, "The order became " + current.status()
                + " while payment " + paymentId + " was being charged; the charge is to be refunded.");
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
