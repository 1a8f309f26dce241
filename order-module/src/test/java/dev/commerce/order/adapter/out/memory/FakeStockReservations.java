package dev.commerce.order.adapter.out.memory;

import dev.commerce.order.OrderErrorCode;
import dev.commerce.order.OrderException;
import dev.commerce.order.application.port.StockReservations;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Stock per SKU with all-or-nothing reservations, like the inventory module, in memory. */
public class FakeStockReservations implements StockReservations {

    public enum Status { PENDING, CONFIRMED, CANCELLED }

    private final Map<String, Integer> available = new HashMap<>();
    private final Map<String, Integer> onHand = new HashMap<>();
    private final Map<String, List<Line>> lines = new HashMap<>();
    private final Map<String, Status> status = new HashMap<>();
    private final Instant expiresAt;

    public FakeStockReservations(Instant now, Duration lifetime) {
        this.expiresAt = now.plus(lifetime);
    }

    public synchronized FakeStockReservations stock(String sku, int quantity) {
        available.put(sku, quantity);
        onHand.put(sku, quantity);
        return this;
    }

    @Override
    public synchronized Reserved reserve(long userId, String orderId, List<Line> wanted) {
        for (Line line : wanted) {
            if (!available.containsKey(line.sku())) {
                throw new OrderException(OrderErrorCode.PRODUCT_NOT_FOUND, "no " + line.sku());
            }
            if (available.get(line.sku()) < line.quantity()) {
                throw new OrderException(OrderErrorCode.INSUFFICIENT_STOCK, "not enough " + line.sku());
            }
        }
        wanted.forEach(line -> available.merge(line.sku(), -line.quantity(), Integer::sum));
        String id = UUID.randomUUID().toString();
        lines.put(id, List.copyOf(wanted));
        status.put(id, Status.PENDING);
        return new Reserved(id, expiresAt);
    }

    @Override
    public synchronized void confirm(long userId, String reservationId) {
        if (status.get(reservationId) == Status.PENDING) {
            status.put(reservationId, Status.CONFIRMED);
            lines.get(reservationId).forEach(line -> onHand.merge(line.sku(), -line.quantity(), Integer::sum));
        }
    }

    @Override
    public synchronized void release(long userId, String reservationId) {
        if (status.get(reservationId) == Status.PENDING) {
            status.put(reservationId, Status.CANCELLED);
            lines.get(reservationId).forEach(line -> available.merge(line.sku(), line.quantity(), Integer::sum));
        }
    }

    public synchronized int available(String sku) {
        return available.get(sku);
    }

    public synchronized int onHand(String sku) {
        return onHand.get(sku);
    }

    public synchronized Status statusOf(String reservationId) {
        return status.get(reservationId);
    }

    public synchronized long pending() {
        return status.values().stream().filter(s -> s == Status.PENDING).count();
    }
}
