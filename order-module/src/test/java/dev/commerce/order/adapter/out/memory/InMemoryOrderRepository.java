package dev.commerce.order.adapter.out.memory;

import dev.commerce.order.OrderRefund;
import dev.commerce.order.OrderStatus;
import dev.commerce.order.application.port.OrderRepository;
import dev.commerce.order.domain.Order;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link OrderRepository} in memory; every method is atomic (synchronized), like one conditional UPDATE. */
public class InMemoryOrderRepository implements OrderRepository {

    private final Map<String, Order> orders = new HashMap<>();
    private final Map<String, Claim> claims = new HashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();

    private record Claim(String owner, Instant until) {
    }

    @Override
    public synchronized void insert(Order order) {
        if (orders.putIfAbsent(order.id(), order) != null) {
            throw new IllegalStateException("duplicate order " + order.id());
        }
    }

    @Override
    public synchronized Optional<Order> find(String id) {
        return Optional.ofNullable(orders.get(id));
    }

    @Override
    public synchronized Optional<Integer> claimPayment(String id, String owner, Instant now, Instant leaseUntil,
            Instant payableUntil) {
        Order order = orders.get(id);
        if (order == null || order.status() != OrderStatus.AWAITING_PAYMENT || !now.isBefore(payableUntil)
                || claimLive(id, now)) {
            return Optional.empty();
        }
        claims.put(id, new Claim(owner, leaseUntil));
        return Optional.of(attempts.getOrDefault(id, 0));
    }

    private boolean claimLive(String id, Instant now) {
        Claim claim = claims.get(id);
        return claim != null && now.isBefore(claim.until());
    }

    @Override
    public synchronized void releaseClaim(String id, String owner) {
        Claim claim = claims.get(id);
        if (claim != null && claim.owner().equals(owner)) {
            claims.remove(id);
        }
    }

    @Override
    public synchronized void declined(String id, String owner) {
        Claim claim = claims.get(id);
        if (claim != null && claim.owner().equals(owner)) {
            claims.remove(id);
            attempts.merge(id, 1, Integer::sum);
        }
    }

    @Override
    public synchronized boolean markPaid(String id, String paymentId, Instant now) {
        Order order = orders.get(id);
        if (order == null || order.status() != OrderStatus.AWAITING_PAYMENT) {
            return false;
        }
        orders.put(id, order.paid(paymentId));
        claims.remove(id);
        return true;
    }

    @Override
    public synchronized boolean markPaidByCharge(String id, String paymentId, int attempt, Instant now) {
        Order order = orders.get(id);
        if (order == null || order.status() != OrderStatus.AWAITING_PAYMENT || attemptOf(id) != attempt
                || !now.isBefore(order.expiresAt())) {
            return false;
        }
        orders.put(id, order.paid(paymentId));
        claims.remove(id);
        return true;
    }

    @Override
    public synchronized boolean markCancelled(String id, Instant now) {
        Order order = orders.get(id);
        if (order == null || order.status() != OrderStatus.AWAITING_PAYMENT || claimLive(id, now)) {
            return false;
        }
        orders.put(id, order.cancelled());
        return true;
    }

    @Override
    public synchronized boolean markExpired(String id, Instant now) {
        Order order = orders.get(id);
        if (order == null || order.status() != OrderStatus.AWAITING_PAYMENT || now.isBefore(order.expiresAt())
                || claimLive(id, now)) {
            return false;
        }
        orders.put(id, order.expired());
        claims.remove(id);
        return true;
    }

    @Override
    public synchronized boolean recordLateCharge(String id, String paymentId) {
        Order order = orders.get(id);
        if (order == null || order.refund() != null
                || (order.status() != OrderStatus.EXPIRED && order.status() != OrderStatus.CANCELLED)) {
            return false;
        }
        orders.put(id, withRefund(order, new OrderRefund(paymentId, OrderRefund.Status.PENDING)));
        return true;
    }

    @Override
    public synchronized void markRefunded(String id, String paymentId) {
        Order order = orders.get(id);
        if (order != null && order.refund() != null && order.refund().paymentId().equals(paymentId)) {
            orders.put(id, withRefund(order, new OrderRefund(paymentId, OrderRefund.Status.REFUNDED)));
        }
    }

    private static Order withRefund(Order o, OrderRefund refund) {
        return new Order(o.id(), o.userId(), o.status(), o.lines(), o.subtotal(), o.discount(), o.total(), o.currency(),
                o.couponId(), o.reservationId(), o.paymentId(), o.expiresAt(), o.createdAt(), refund);
    }

    @Override
    public synchronized List<String> findOverdue(Instant now, int limit) {
        return orders.values().stream()
                .filter(order -> order.status() == OrderStatus.AWAITING_PAYMENT && !now.isBefore(order.expiresAt()))
                .sorted(Comparator.comparing(Order::expiresAt)).limit(limit).map(Order::id).toList();
    }

    public synchronized int attemptOf(String id) {
        return attempts.getOrDefault(id, 0);
    }

    public synchronized int count() {
        return orders.size();
    }
}
