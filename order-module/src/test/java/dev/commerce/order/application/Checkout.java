package dev.commerce.order.application;

import dev.commerce.order.LateChargeRefundNeeded;
import dev.commerce.order.OrderCancelled;
import dev.commerce.order.OrderExpired;
import dev.commerce.order.OrderPaid;
import dev.commerce.order.OrderPlacementAbandoned;
import dev.commerce.order.OrderResponse;
import dev.commerce.order.PayOrderCommand;
import dev.commerce.order.PlaceOrderCommand;
import dev.commerce.order.adapter.out.memory.DirectTransactions;
import dev.commerce.order.adapter.out.memory.FakeOrderPayments;
import dev.commerce.order.adapter.out.memory.FakePriceCatalog;
import dev.commerce.order.adapter.out.memory.FakeStockReservations;
import dev.commerce.order.adapter.out.memory.InMemoryCouponRedemptions;
import dev.commerce.order.adapter.out.memory.InMemoryOrderRepository;
import dev.commerce.order.adapter.out.memory.InMemoryPlacementJournal;
import dev.commerce.order.adapter.out.memory.InMemoryRequestKeyStore;
import dev.commerce.order.adapter.out.memory.RecordingOrderEvents;
import dev.commerce.shared.Caller;
import dev.commerce.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The order use cases wired to the in-memory adapters, events delivered to the follow-up at once. */
final class Checkout {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration RESERVATION_LIFETIME = Duration.ofMinutes(10);
    static final OrderSettings SETTINGS = new OrderSettings(Duration.ofSeconds(45), Duration.ofSeconds(60));
    static final Duration PLACEMENT_RECOVERY_AFTER = Duration.ofMinutes(5);

    final MutableClock clock = new MutableClock(START);
    final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    final InMemoryRequestKeyStore keys = new InMemoryRequestKeyStore();
    final FakePriceCatalog prices = new FakePriceCatalog();
    final FakeStockReservations stock = new FakeStockReservations(START, RESERVATION_LIFETIME);
    final InMemoryCouponRedemptions coupons = new InMemoryCouponRedemptions();
    final FakeOrderPayments payments = new FakeOrderPayments();
    final LateChargeRefunds refunds = new LateChargeRefunds(orders, payments);
    final OrderFollowUp followUp = new OrderFollowUp(stock, coupons, refunds);
    /** Publications whose listener failed, as the registry keeps them for redelivery. */
    final java.util.List<Object> undelivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    final RecordingOrderEvents events = new RecordingOrderEvents(event -> {
        switch (event) {
            case OrderPaid paid -> followUp.on(paid);
            case OrderCancelled cancelled -> followUp.on(cancelled);
            case OrderExpired expired -> followUp.on(expired);
            case OrderPlacementAbandoned abandoned -> followUp.on(abandoned);
            case LateChargeRefundNeeded needed -> {
                try {
                    followUp.on(needed);
                } catch (RuntimeException e) {
                    undelivered.add(needed); // the registry keeps the publication incomplete
                }
            }
            default -> throw new IllegalArgumentException("unexpected event " + event);
        }
    });
    final DirectTransactions transactions = new DirectTransactions();
    final InMemoryPlacementJournal journal = new InMemoryPlacementJournal();
    final OrderPlacer placer = new OrderPlacer(orders, prices, stock, coupons, transactions, journal, keys, clock,
            SETTINGS);
    final PlacementRecovery recovery = new PlacementRecovery(journal, events, transactions, keys,
            PLACEMENT_RECOVERY_AFTER);
    final OrderPayer payer = new OrderPayer(orders, payments, events, transactions, keys, clock, SETTINGS, refunds);
    final OrderCanceller canceller = new OrderCanceller(orders, events, transactions, clock);
    final OrderReader reader = new OrderReader(orders);
    final OrderExpirer expirer = new OrderExpirer(orders, events, transactions);
    final SettledCharges settledCharges = new SettledCharges(orders, events, transactions, clock);

    private final AtomicInteger keyCounter = new AtomicInteger();

    static Caller buyer(long userId) {
        return Caller.buyer(userId);
    }

    String newKey() {
        return "key-" + keyCounter.incrementAndGet();
    }

    static List<PlaceOrderCommand.Line> lines(Object... skuAndQuantity) {
        return java.util.stream.IntStream.range(0, skuAndQuantity.length / 2)
                .mapToObj(i -> new PlaceOrderCommand.Line((String) skuAndQuantity[2 * i], (Integer) skuAndQuantity[2 * i + 1]))
                .toList();
    }

    OrderResponse place(long userId, String couponId, Object... skuAndQuantity) {
        return placer.place(buyer(userId), new PlaceOrderCommand(newKey(), lines(skuAndQuantity), couponId));
    }

    OrderResponse pay(long userId, String orderId) {
        return payer.pay(buyer(userId), new PayOrderCommand(newKey(), orderId));
    }

    static String[] none() {
        return new String[0];
    }

    @Override
    public String toString() {
        return Arrays.toString(new Object[] {orders, keys});
    }
}
