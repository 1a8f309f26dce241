package dev.commerce.order.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.order.OrderPlacementAbandoned;
import dev.commerce.order.OrderResponse;
import dev.commerce.order.OrderStatus;
import dev.commerce.order.PlaceOrderCommand;
import dev.commerce.order.adapter.out.memory.FakeStockReservations;
import dev.commerce.order.adapter.out.memory.InMemoryOrderRepository;
import dev.commerce.order.application.port.OrderTransactions;
import dev.commerce.order.application.port.StockReservations;
import dev.commerce.order.domain.Order;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The placement journal's guard: a process that dies between redeeming the coupon and storing the
 * order leaves the coupon redeemed for an order that does not exist; the recovery gives it back (and
 * the reservation), and never takes it from a placement that stores its order.
 */
class PlacementRecoveryTest {

    /** The process dies here: nothing after this point runs, not even the placer's undo. */
    private static final class ProcessDied extends Error {
        ProcessDied() {
            super("SIGKILL", null, false, false);
        }
    }

    private final Checkout checkout = new Checkout();
    /** While set, the process dies before the transaction that stores the order commits. */
    private final AtomicBoolean dieOnInsert = new AtomicBoolean(true);
    private final OrderTransactions dying;
    private final OrderPlacer dyingPlacer;

    PlacementRecoveryTest() {
        checkout.prices.price("A", 15000, "KRW");
        checkout.stock.stock("A", 10);
        checkout.coupons.issue("WELCOME", 42, 3000);
        dying = new OrderTransactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                if (dieOnInsert.get()) {
                    throw new ProcessDied(); // nothing of the transaction is committed
                }
                return checkout.transactions.inTransaction(work);
            }
        };
        dyingPlacer = new OrderPlacer(checkout.orders, checkout.prices, checkout.stock, checkout.coupons, dying,
                checkout.journal, checkout.keys, checkout.clock, Checkout.SETTINGS);
    }

    private String crashAfterRedeeming(String key) {
        assertThatThrownBy(() -> dyingPlacer.place(Checkout.buyer(42),
                new PlaceOrderCommand(key, Checkout.lines("A", 2), "WELCOME"))).isInstanceOf(ProcessDied.class);
        String orderId = checkout.coupons.redeemedFor("WELCOME", 42);
        assertThat(orderId).as("the crash window: the coupon is redeemed for an order never stored").isNotNull();
        assertThat(checkout.orders.count()).isZero();
        assertThat(checkout.stock.available("A")).isEqualTo(8);
        assertThat(checkout.journal.open()).containsExactly(orderId);
        return orderId;
    }

    @Test
    void a_placement_that_died_after_redeeming_the_coupon_gets_coupon_and_stock_back_from_the_journal_recovery() {
        String orderId = crashAfterRedeeming("k-1");

        assertThat(checkout.recovery.recoverAbandoned(checkout.clock.instant(), 10))
                .as("a note younger than the recovery delay may be a placement still running").isZero();
        checkout.clock.advance(Checkout.PLACEMENT_RECOVERY_AFTER.plusSeconds(1));
        assertThat(checkout.recovery.recoverAbandoned(checkout.clock.instant(), 10)).isEqualTo(1);

        assertThat(checkout.events.events()).singleElement().isInstanceOfSatisfying(OrderPlacementAbandoned.class,
                event -> {
                    assertThat(event.orderId()).isEqualTo(orderId);
                    assertThat(event.couponId()).isEqualTo("WELCOME");
                    assertThat(checkout.stock.statusOf(event.reservationId()))
                            .isEqualTo(FakeStockReservations.Status.CANCELLED);
                });
        assertThat(checkout.coupons.redeemedFor("WELCOME", 42)).isNull();
        assertThat(checkout.stock.available("A")).isEqualTo(10);
        assertThat(checkout.stock.pending()).isZero();
        assertThat(checkout.journal.open()).isEmpty();
        assertThat(checkout.journal.abandoned()).containsExactly(orderId);
        assertThat(checkout.recovery.recoverAbandoned(checkout.clock.instant(), 10)).as("once").isZero();

        // the coupon is usable again
        OrderResponse next = checkout.place(42, "WELCOME", "A", 1);
        assertThat(next.order().discount()).isEqualTo(3000);
        assertThat(checkout.coupons.redeemedFor("WELCOME", 42)).isEqualTo(next.order().id());
    }

    @Test
    void a_retry_within_the_recovery_delay_completes_the_same_order_and_leaves_nothing_to_recover() {
        String orderId = crashAfterRedeeming("k-1");
        dieOnInsert.set(false);
        checkout.clock.advance(Checkout.SETTINGS.keyLease().plusSeconds(1)); // the dead request's key lease ends

        OrderResponse retried = dyingPlacer.place(Checkout.buyer(42),
                new PlaceOrderCommand("k-1", Checkout.lines("A", 2), "WELCOME"));

        assertThat(retried.order().id()).isEqualTo(orderId);
        assertThat(retried.order().status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(checkout.coupons.redeemedFor("WELCOME", 42)).isEqualTo(orderId);
        assertThat(checkout.journal.open()).isEmpty();
        checkout.clock.advance(Checkout.PLACEMENT_RECOVERY_AFTER);
        assertThat(checkout.recovery.recoverAbandoned(checkout.clock.instant(), 10)).isZero();
        assertThat(checkout.coupons.redeemedFor("WELCOME", 42)).isEqualTo(orderId);
    }

    @Test
    void a_retry_after_the_recovery_places_a_new_order_and_never_redeems_for_the_abandoned_one() {
        String orderId = crashAfterRedeeming("k-1");
        dieOnInsert.set(false);
        checkout.clock.advance(Checkout.PLACEMENT_RECOVERY_AFTER.plusSeconds(1));
        checkout.recovery.recoverAbandoned(checkout.clock.instant(), 10);

        OrderResponse retried = dyingPlacer.place(Checkout.buyer(42),
                new PlaceOrderCommand("k-1", Checkout.lines("A", 2), "WELCOME"));

        assertThat(retried.order().id()).as("the abandoned order id is not used again").isNotEqualTo(orderId);
        assertThat(checkout.orders.count()).isEqualTo(1);
        assertThat(checkout.coupons.redeemedFor("WELCOME", 42)).isEqualTo(retried.order().id());
        assertThat(checkout.stock.available("A")).isEqualTo(8);
    }

    @Test
    void a_retry_that_took_the_key_over_before_the_recovery_stops_before_redeeming_for_the_abandoned_order() {
        String orderId = crashAfterRedeeming("k-1");
        checkout.clock.advance(Checkout.SETTINGS.keyLease().plusSeconds(1));
        // the retry takes the key over (same order id); while it reserves, the recovery abandons the order
        StockReservations slowStock = new StockReservations() {
            @Override
            public Reserved reserve(long userId, String id, List<Line> lines) {
                Reserved reserved = checkout.stock.reserve(userId, id, lines);
                checkout.clock.advance(Checkout.PLACEMENT_RECOVERY_AFTER);
                assertThat(checkout.recovery.recoverAbandoned(checkout.clock.instant(), 10)).isEqualTo(1);
                return reserved;
            }

            @Override
            public void confirm(long userId, String reservationId) {
                checkout.stock.confirm(userId, reservationId);
            }

            @Override
            public void release(long userId, String reservationId) {
                checkout.stock.release(userId, reservationId);
            }
        };
        // and should it go on to redeem, its process dies before storing the order: the note is
        // abandoned already, so nothing would ever give that redemption back
        OrderPlacer retrying = new OrderPlacer(checkout.orders, checkout.prices, slowStock, checkout.coupons,
                dying, checkout.journal, checkout.keys, checkout.clock, Checkout.SETTINGS);

        assertThatThrownBy(() -> retrying.place(Checkout.buyer(42),
                new PlaceOrderCommand("k-1", Checkout.lines("A", 2), "WELCOME")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(orderId);

        assertThat(checkout.orders.count()).isZero();
        assertThat(checkout.coupons.redeemedFor("WELCOME", 42)).as("not redeemed again for the abandoned order").isNull();
        assertThat(checkout.stock.available("A")).as("both reservations given back").isEqualTo(10);
    }

    @Test
    void a_placement_that_loses_its_note_to_the_recovery_stores_no_order_and_undoes_its_steps() {
        // the placement runs past the recovery delay: the recovery abandons its note just before it
        // stores the order (between the redemption and the order's transaction)
        OrderPlacer slow = new OrderPlacer(new InMemoryOrderRepository() {
            @Override
            public void insert(Order order) {
                checkout.orders.insert(order);
            }
        }, checkout.prices, checkout.stock, new dev.commerce.order.adapter.out.memory.InMemoryCouponRedemptions() {
            @Override
            public long redeem(String couponId, long userId, String orderId) {
                long discount = checkout.coupons.redeem(couponId, userId, orderId);
                checkout.clock.advance(Checkout.PLACEMENT_RECOVERY_AFTER.plus(Duration.ofSeconds(1)));
                checkout.recovery.recoverAbandoned(checkout.clock.instant(), 10);
                return discount;
            }

            @Override
            public void release(String couponId, long userId, String orderId) {
                checkout.coupons.release(couponId, userId, orderId);
            }
        }, checkout.transactions, checkout.journal, checkout.keys, checkout.clock, Checkout.SETTINGS);

        assertThatThrownBy(() -> slow.place(Checkout.buyer(42),
                new PlaceOrderCommand("k-1", Checkout.lines("A", 2), "WELCOME"))).isInstanceOf(IllegalStateException.class);

        assertThat(checkout.orders.count()).as("no order stored with a coupon given back").isZero();
        assertThat(checkout.coupons.redeemedFor("WELCOME", 42)).isNull();
        assertThat(checkout.stock.available("A")).isEqualTo(10);
    }

    @Test
    void orders_without_a_coupon_write_no_note() {
        checkout.place(42, null, "A", 1);

        assertThat(checkout.journal.open()).isEmpty();
        assertThat(checkout.journal.abandoned()).isEmpty();
    }

    @Test
    void a_stored_order_leaves_no_open_note() {
        checkout.place(42, "WELCOME", "A", 1);

        assertThat(checkout.journal.open()).isEmpty();
        checkout.clock.advance(Checkout.PLACEMENT_RECOVERY_AFTER.plusSeconds(1));
        assertThat(checkout.recovery.recoverAbandoned(checkout.clock.instant(), 10)).isZero();
        assertThat(checkout.coupons.redeemedFor("WELCOME", 42)).isNotNull();
    }
}
