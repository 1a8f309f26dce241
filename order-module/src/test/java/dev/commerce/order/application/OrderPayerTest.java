package dev.commerce.order.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.order.LateChargeRefundNeeded;
import dev.commerce.order.OrderErrorCode;
import dev.commerce.order.OrderException;
import dev.commerce.order.OrderPaid;
import dev.commerce.order.OrderRefund;
import dev.commerce.order.OrderResponse;
import dev.commerce.order.OrderStatus;
import dev.commerce.order.OrderView;
import dev.commerce.order.PayOrderCommand;
import dev.commerce.order.adapter.out.memory.FakeStockReservations;
import dev.commerce.testing.ConcurrentRun;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrderPayerTest {

    private final Checkout checkout = new Checkout();

    OrderPayerTest() {
        checkout.prices.price("A", 15000, "KRW").price("BIG", 6_000_000, "KRW");
        checkout.stock.stock("A", 100).stock("BIG", 10);
    }

    private OrderView placed(String sku) {
        return checkout.place(42, null, sku, 1).order();
    }

    @Test
    void paying_charges_the_total_marks_the_order_paid_and_confirms_the_reservation() {
        OrderView order = placed("A");

        OrderResponse response = checkout.pay(42, order.id());

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.order().status()).isEqualTo(OrderStatus.PAID);
        assertThat(response.order().paymentId()).isNotNull();
        assertThat(checkout.payments.charges()).singleElement()
                .satisfies(charge -> assertThat(charge.amount()).isEqualTo(15000));
        assertThat(checkout.events.events()).singleElement().isInstanceOf(OrderPaid.class);
        assertThat(checkout.stock.statusOf(order.reservationId())).isEqualTo(FakeStockReservations.Status.CONFIRMED);
        assertThat(checkout.stock.onHand("A")).isEqualTo(99);
    }

    @Test
    void a_paid_order_is_not_payable_again_and_nothing_more_is_charged() {
        OrderView order = placed("A");
        checkout.pay(42, order.id());

        assertThatThrownBy(() -> checkout.pay(42, order.id())).isInstanceOfSatisfying(OrderException.class,
                e -> assertThat(e.code()).isEqualTo(OrderErrorCode.ORDER_NOT_PAYABLE));
        assertThat(checkout.payments.charges()).hasSize(1);
    }

    @Test
    void a_decline_keeps_the_order_payable_and_the_next_attempt_is_a_new_charge() {
        OrderView order = placed("BIG");

        assertThatThrownBy(() -> checkout.pay(42, order.id())).isInstanceOfSatisfying(OrderException.class,
                e -> assertThat(e.code()).isEqualTo(OrderErrorCode.PAYMENT_DECLINED));
        assertThat(checkout.reader.getOrder(Checkout.buyer(42), order.id()).status())
                .isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(checkout.orders.attemptOf(order.id())).isEqualTo(1);
        assertThatThrownBy(() -> checkout.pay(42, order.id())).isInstanceOf(OrderException.class);
        assertThat(checkout.payments.charges()).extracting(c -> c.key()).doesNotHaveDuplicates().hasSize(2);
        assertThat(checkout.stock.statusOf(order.reservationId())).isEqualTo(FakeStockReservations.Status.PENDING);
    }

    @Test
    void a_total_of_zero_is_paid_without_a_charge() {
        checkout.coupons.issue("ALL", 42, 1_000_000);
        OrderView order = checkout.place(42, "ALL", "A", 1).order();
        assertThat(order.total()).isZero();

        OrderResponse response = checkout.pay(42, order.id());

        assertThat(response.order().status()).isEqualTo(OrderStatus.PAID);
        assertThat(response.order().paymentId()).isNull();
        assertThat(checkout.payments.charges()).isEmpty();
        assertThat(checkout.stock.statusOf(order.reservationId())).isEqualTo(FakeStockReservations.Status.CONFIRMED);
    }

    @Test
    void ten_concurrent_payments_with_ten_keys_charge_once_and_the_others_are_refused() throws Exception {
        OrderView order = placed("A");
        CountDownLatch charging = new CountDownLatch(1);
        CountDownLatch othersDone = new CountDownLatch(9);
        checkout.payments.duringCharge(() -> {
            charging.countDown();
            try {
                othersDone.await(10, TimeUnit.SECONDS); // hold the gateway call while the others arrive
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        Map<String, Integer> outcomes = ConcurrentRun.run(10, i -> () -> {
            try {
                return checkout.payer.pay(Checkout.buyer(42), new PayOrderCommand("k-" + i, order.id()));
            } finally {
                if (charging.getCount() == 0) {
                    othersDone.countDown();
                }
            }
        });

        assertThat(checkout.payments.charges()).hasSize(1);
        assertThat(outcomes.get(ConcurrentRun.OK)).isEqualTo(1);
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
        assertThat(outcomes.keySet()).isSubsetOf(ConcurrentRun.OK, "IDEMPOTENCY_REQUEST_IN_PROGRESS",
                "ORDER_NOT_PAYABLE");
        assertThat(checkout.reader.getOrder(Checkout.buyer(42), order.id()).status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void the_same_key_replays_the_paid_answer() {
        OrderView order = placed("A");
        PayOrderCommand command = new PayOrderCommand("k-1", order.id());
        OrderResponse first = checkout.payer.pay(Checkout.buyer(42), command);

        OrderResponse again = checkout.payer.pay(Checkout.buyer(42), command);

        assertThat(again.replayed()).isTrue();
        assertThat(again.order()).isEqualTo(first.order());
        assertThat(checkout.payments.charges()).hasSize(1);
    }

    @Test
    void another_buyers_order_is_not_found_and_nothing_is_charged() {
        OrderView order = placed("A");

        assertThatThrownBy(() -> checkout.pay(43, order.id())).isInstanceOfSatisfying(OrderException.class,
                e -> assertThat(e.code()).isEqualTo(OrderErrorCode.ORDER_NOT_FOUND));
        assertThat(checkout.payments.charges()).isEmpty();
    }

    @Test
    void an_order_too_close_to_its_expiry_is_not_payable() {
        OrderView order = placed("A");
        checkout.clock.advance(Checkout.RESERVATION_LIFETIME.minus(Checkout.SETTINGS.paymentLease()));

        assertThatThrownBy(() -> checkout.pay(42, order.id())).isInstanceOfSatisfying(OrderException.class,
                e -> assertThat(e.code()).isEqualTo(OrderErrorCode.ORDER_NOT_PAYABLE));
        assertThat(checkout.payments.charges()).isEmpty();
    }

    @Test
    void a_gateway_failure_releases_the_claim_and_the_retry_uses_the_same_charge_key() {
        OrderView order = placed("A");
        checkout.payments.failWith(() -> new OrderException(OrderErrorCode.GATEWAY_TIMEOUT, "timed out"));

        assertThatThrownBy(() -> checkout.payer.pay(Checkout.buyer(42), new PayOrderCommand("k-1", order.id())))
                .isInstanceOfSatisfying(OrderException.class,
                        e -> assertThat(e.code()).isEqualTo(OrderErrorCode.GATEWAY_TIMEOUT));
        OrderResponse retried = checkout.payer.pay(Checkout.buyer(42), new PayOrderCommand("k-1", order.id()));

        assertThat(retried.order().status()).isEqualTo(OrderStatus.PAID);
        assertThat(checkout.payments.charges()).singleElement()
                .satisfies(c -> assertThat(c.key()).isEqualTo(OrderPayer.chargeKey(order.id(), 0)));
    }

    @Test
    void cancelling_while_a_payment_is_in_flight_is_refused_and_the_payment_wins() {
        OrderView order = placed("A");
        checkout.payments.duringCharge(() -> assertThatThrownBy(() -> checkout.canceller.cancel(Checkout.buyer(42),
                order.id())).isInstanceOfSatisfying(OrderException.class,
                e -> assertThat(e.code()).isEqualTo(OrderErrorCode.ORDER_NOT_CANCELLABLE)));

        assertThat(checkout.pay(42, order.id()).order().status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void a_payment_started_at_the_last_payable_instant_holds_its_claim_only_until_before_the_expiry() {
        OrderView order = placed("A");
        Duration budget = Checkout.SETTINGS.paymentLease();
        checkout.clock.set(order.expiresAt().minus(budget).minusMillis(1));
        checkout.payments.duringCharge(() -> {
            // the claim covers the whole budget; the order is not yet overdue while it runs
            checkout.clock.set(order.expiresAt().minusMillis(2));
            assertThat(checkout.expirer.expireOverdue(checkout.clock.instant(), 10)).isZero();
            assertThatThrownBy(() -> checkout.canceller.cancel(Checkout.buyer(42), order.id()))
                    .isInstanceOf(OrderException.class);
        });

        assertThat(checkout.pay(42, order.id()).order().status()).isEqualTo(OrderStatus.PAID);
        checkout.clock.set(order.expiresAt());
        assertThat(checkout.expirer.expireOverdue(checkout.clock.instant(), 10)).isZero();
    }

    @Test
    void the_expiry_sweep_skips_an_overdue_order_whose_payment_claim_is_still_live() {
        OrderView order = placed("A");
        // a claim reaching past the expiry (an instance whose clock runs behind) keeps the sweep away
        checkout.orders.claimPayment(order.id(), "slow", Checkout.START, order.expiresAt().plusSeconds(10),
                order.expiresAt());
        checkout.clock.set(order.expiresAt());

        assertThat(checkout.expirer.expireOverdue(checkout.clock.instant(), 10)).isZero();
        checkout.clock.advance(Duration.ofSeconds(10));
        assertThat(checkout.expirer.expireOverdue(checkout.clock.instant(), 10)).isEqualTo(1);
    }

    /** The payment outlives its claim: the order expires (stock and coupon back) before the charge lands. */
    private void expireDuringTheCharge(OrderView order) {
        checkout.payments.duringCharge(() -> {
            checkout.clock.set(order.expiresAt().plusSeconds(1));
            assertThat(checkout.expirer.expireOverdue(checkout.clock.instant(), 10)).isEqualTo(1);
        });
    }

    @Test
    void a_charge_that_lands_after_the_order_expired_is_refunded_and_the_order_says_so() {
        OrderView order = placed("A");
        expireDuringTheCharge(order);

        assertThatThrownBy(() -> checkout.pay(42, order.id())).isInstanceOfSatisfying(OrderException.class, e -> {
            assertThat(e.code()).isEqualTo(OrderErrorCode.ORDER_NOT_PAYABLE);
            assertThat(e.getMessage()).contains("was refunded");
        });

        String paymentId = checkout.payments.charges().getFirst().paymentId();
        assertThat(checkout.payments.refunded()).containsExactly(paymentId);
        OrderView after = checkout.reader.getOrder(Checkout.buyer(42), order.id());
        assertThat(after.status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(after.paymentId()).isNull();
        assertThat(after.refund()).isEqualTo(new OrderRefund(paymentId, OrderRefund.Status.REFUNDED));
        assertThat(checkout.events.events()).hasAtLeastOneElementOfType(LateChargeRefundNeeded.class)
                .noneMatch(OrderPaid.class::isInstance);
        assertThat(checkout.stock.statusOf(order.reservationId())).isNotEqualTo(FakeStockReservations.Status.CONFIRMED);
        assertThat(checkout.stock.onHand("A")).isEqualTo(100);
    }

    @Test
    void a_late_charge_whose_refund_fails_at_once_is_still_refunded_by_its_event() {
        OrderView order = placed("A");
        expireDuringTheCharge(order);
        // the gateway is down for the listener's delivery and for the payer's own attempt
        checkout.payments.failNextRefundsWith(2, () -> new OrderException(OrderErrorCode.GATEWAY_UNAVAILABLE, "down"));

        assertThatThrownBy(() -> checkout.pay(42, order.id())).isInstanceOfSatisfying(OrderException.class, e -> {
            assertThat(e.code()).isEqualTo(OrderErrorCode.ORDER_NOT_PAYABLE);
            assertThat(e.getMessage()).contains("is being refunded");
        });
        String paymentId = checkout.payments.charges().getFirst().paymentId();
        assertThat(checkout.reader.getOrder(Checkout.buyer(42), order.id()).refund())
                .isEqualTo(new OrderRefund(paymentId, OrderRefund.Status.PENDING));
        assertThat(checkout.payments.refunded()).isEmpty();

        // the incomplete publication is delivered again (a restart)
        assertThat(checkout.undelivered).singleElement().isInstanceOf(LateChargeRefundNeeded.class);
        checkout.followUp.on((LateChargeRefundNeeded) checkout.undelivered.getFirst());
        assertThat(checkout.reader.getOrder(Checkout.buyer(42), order.id()).refund())
                .isEqualTo(new OrderRefund(paymentId, OrderRefund.Status.REFUNDED));
        // a second delivery changes nothing
        checkout.followUp.on(new LateChargeRefundNeeded(order.id(), 42, paymentId));
        assertThat(checkout.payments.refunded()).containsExactly(paymentId);
        assertThat(checkout.reader.getOrder(Checkout.buyer(42), order.id()).refund().status())
                .isEqualTo(OrderRefund.Status.REFUNDED);
    }

    @Test
    void a_later_payment_request_of_a_refunded_order_is_refused_and_charges_nothing() {
        OrderView order = placed("A");
        expireDuringTheCharge(order);
        assertThatThrownBy(() -> checkout.pay(42, order.id())).isInstanceOf(OrderException.class);
        checkout.payments.duringCharge(() -> { });

        assertThatThrownBy(() -> checkout.pay(42, order.id())).isInstanceOfSatisfying(OrderException.class, e -> {
            assertThat(e.code()).isEqualTo(OrderErrorCode.ORDER_NOT_PAYABLE);
            assertThat(e.getMessage()).contains("refunded");
        });
        assertThat(checkout.payments.charges()).hasSize(1);
    }
}
