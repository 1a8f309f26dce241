package dev.commerce.order.adapter.out.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.order.OrderCancelled;
import dev.commerce.order.OrderExpired;
import dev.commerce.order.OrderPaid;
import dev.commerce.order.application.port.CouponRedemptions;
import dev.commerce.order.application.port.StockReservations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class OrderMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OrderMetrics metrics = new OrderMetrics(registry);

    @Test
    void every_series_exists_at_zero_from_the_start() {
        assertThat(registry.get(OrderMetrics.TRANSITIONS).counters()).hasSize(3);
        assertThat(registry.get(OrderMetrics.COMPENSATIONS).counters()).hasSize(2 * 4 * 2);
        assertThat(compensations(OrderMetrics.COUPON_RELEASED, OrderMetrics.PLACEMENT_ABANDONED, "failed")).isZero();
    }

    @Test
    void releases_are_counted_as_compensations_of_their_trigger_done_or_failed() {
        List<String> calls = new ArrayList<>();
        StockReservations stock = new MeteredStockReservations(new StockReservations() {
            @Override
            public Reserved reserve(long userId, String orderId, List<Line> lines) {
                calls.add("reserve");
                return new Reserved("r-1", Instant.EPOCH);
            }

            @Override
            public void confirm(long userId, String reservationId) {
                calls.add("confirm");
            }

            @Override
            public void release(long userId, String reservationId) {
                calls.add("release " + reservationId);
                if (reservationId.equals("broken")) {
                    throw new IllegalStateException("inventory down");
                }
            }
        }, metrics, OrderMetrics.PLACE_FAILED);
        CouponRedemptions coupons = new MeteredCouponRedemptions(new CouponRedemptions() {
            @Override
            public long redeem(String couponId, long userId, String orderId) {
                return 100;
            }

            @Override
            public void release(String couponId, long userId, String orderId) {
                calls.add("release coupon " + couponId);
            }
        }, metrics, OrderMetrics.ORDER_EXPIRED);

        stock.reserve(1, "o-1", List.of());
        stock.confirm(1, "r-1");
        stock.release(1, "r-1");
        assertThatThrownBy(() -> stock.release(1, "broken")).hasMessage("inventory down");
        assertThat(coupons.redeem("c-1", 1, "o-1")).isEqualTo(100);
        coupons.release("c-1", 1, "o-1");

        assertThat(calls).containsExactly("reserve", "confirm", "release r-1", "release broken", "release coupon c-1");
        assertThat(compensations(OrderMetrics.RESERVATION_RELEASED, OrderMetrics.PLACE_FAILED, "done")).isEqualTo(1);
        assertThat(compensations(OrderMetrics.RESERVATION_RELEASED, OrderMetrics.PLACE_FAILED, "failed")).isEqualTo(1);
        assertThat(compensations(OrderMetrics.COUPON_RELEASED, OrderMetrics.ORDER_EXPIRED, "done")).isEqualTo(1);
        assertThat(registry.get(OrderMetrics.COMPENSATIONS).counters().stream().mapToDouble(c -> c.count()).sum())
                .isEqualTo(3);
    }

    @Test
    void a_transition_is_counted_when_its_transaction_commits_and_not_when_it_rolls_back() {
        List<Object> published = new ArrayList<>();
        MeteredOrderEvents events = new MeteredOrderEvents(published::add, metrics);

        TransactionSynchronizationManager.initSynchronization();
        try {
            events.publish(new OrderPaid("o-1", 1, "r-1", null, "p-1"));
            assertThat(count(OrderMetrics.TRANSITIONS, "to", "PAID")).as("not before the commit").isZero();
            TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
        TransactionSynchronizationManager.initSynchronization();
        try {
            events.publish(new OrderCancelled("o-2", 1, "r-2", null));
            // rolled back: afterCommit is never called
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
        events.publish(new OrderExpired("o-3", 1, "r-3", null)); // no transaction: counted at once
        events.publish("something else");

        assertThat(published).hasSize(4);
        assertThat(count(OrderMetrics.TRANSITIONS, "to", "PAID")).isEqualTo(1);
        assertThat(count(OrderMetrics.TRANSITIONS, "to", "CANCELLED")).isZero();
        assertThat(count(OrderMetrics.TRANSITIONS, "to", "EXPIRED")).isEqualTo(1);
    }

    private double count(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).counter().count();
    }

    private double compensations(String kind, String trigger, String outcome) {
        return registry.get(OrderMetrics.COMPENSATIONS).tag("kind", kind).tag("trigger", trigger)
                .tag("outcome", outcome).counter().count();
    }
}
