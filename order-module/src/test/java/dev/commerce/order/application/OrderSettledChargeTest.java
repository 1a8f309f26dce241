package dev.commerce.order.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.order.LateChargeRefundNeeded;
import dev.commerce.order.OrderErrorCode;
import dev.commerce.order.OrderException;
import dev.commerce.order.OrderExpired;
import dev.commerce.order.OrderPaid;
import dev.commerce.order.OrderRefund;
import dev.commerce.order.OrderStatus;
import dev.commerce.order.OrderView;
import dev.commerce.order.adapter.out.memory.FakeStockReservations;
import dev.commerce.order.ApplySettledChargeUseCase.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A charge the payment module settled after an unknown outcome reaches its order ({@link SettledCharges}). */
class OrderSettledChargeTest {

    private final Checkout checkout = new Checkout();

    OrderSettledChargeTest() {
        checkout.prices.price("A", 15000, "KRW");
        checkout.stock.stock("A", 100);
    }

    private OrderView placed() {
        return checkout.place(42, null, "A", 1).order();
    }

    /** The buyer's payment timed out after the gateway charged: the charge exists, the order does not know it. */
    private String chargedWithoutAnswer(OrderView order) {
        checkout.payments.failWith(() -> new OrderException(OrderErrorCode.GATEWAY_TIMEOUT, "timed out"));
        assertThatThrownBy(() -> checkout.pay(42, order.id())).isInstanceOfSatisfying(OrderException.class,
                e -> assertThat(e.code()).isEqualTo(OrderErrorCode.GATEWAY_TIMEOUT));
        // what the reconciler found at the gateway under the attempt's key
        return checkout.payments.charge(42, OrderPayer.chargeKey(order.id(), 0), order.id(), 15000, "KRW").paymentId();
    }

    private Outcome settled(OrderView order, String paymentId) {
        return checkout.settledCharges.settled(42, OrderPayer.chargeKey(order.id(), 0), order.id(), paymentId, 15000,
                "KRW");
    }

    private OrderView read(OrderView order) {
        return checkout.reader.getOrder(Checkout.buyer(42), order.id());
    }

    @Test
    void an_order_awaiting_payment_is_paid_with_the_settled_charge_and_its_reservation_confirmed_once() {
        OrderView order = placed();
        String paymentId = chargedWithoutAnswer(order);

        assertThat(settled(order, paymentId)).isEqualTo(Outcome.PAID);

        assertThat(read(order).status()).isEqualTo(OrderStatus.PAID);
        assertThat(read(order).paymentId()).isEqualTo(paymentId);
        assertThat(checkout.events.events()).singleElement().isInstanceOf(OrderPaid.class);
        assertThat(checkout.stock.statusOf(order.reservationId())).isEqualTo(FakeStockReservations.Status.CONFIRMED);

        assertThat(settled(order, paymentId)).as("a redelivery").isEqualTo(Outcome.ALREADY_DONE);
        assertThat(checkout.events.events()).hasSize(1);
        assertThat(checkout.payments.refunded()).isEmpty();
        assertThatThrownBy(() -> checkout.pay(42, order.id())).isInstanceOfSatisfying(OrderException.class,
                e -> assertThat(e.code()).isEqualTo(OrderErrorCode.ORDER_NOT_PAYABLE));
        assertThat(checkout.payments.charges()).hasSize(1);
    }

    @Test
    void an_expired_order_records_the_settled_charge_and_it_is_refunded_once() {
        OrderView order = placed();
        String paymentId = chargedWithoutAnswer(order);
        checkout.clock.set(order.expiresAt().plusSeconds(1));
        assertThat(checkout.expirer.expireOverdue(checkout.clock.instant(), 10)).isEqualTo(1);

        assertThat(settled(order, paymentId)).isEqualTo(Outcome.REFUND_RECORDED);

        assertThat(read(order).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(read(order).paymentId()).isNull();
        assertThat(read(order).refund()).isEqualTo(new OrderRefund(paymentId, OrderRefund.Status.REFUNDED));
        assertThat(checkout.payments.refunded()).containsExactly(paymentId);
        assertThat(checkout.events.events()).filteredOn(LateChargeRefundNeeded.class::isInstance).hasSize(1);
        assertThat(checkout.stock.onHand("A")).isEqualTo(100);

        assertThat(settled(order, paymentId)).as("a redelivery").isEqualTo(Outcome.ALREADY_DONE);
        assertThat(checkout.events.events()).filteredOn(LateChargeRefundNeeded.class::isInstance).hasSize(1);
    }

    @Test
    void an_overdue_order_the_sweep_has_not_reached_is_expired_then_refunded_never_paid() {
        OrderView order = placed();
        String paymentId = chargedWithoutAnswer(order);
        checkout.clock.set(order.expiresAt().plusSeconds(1));

        assertThat(settled(order, paymentId)).isEqualTo(Outcome.REFUND_RECORDED);

        assertThat(read(order).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(read(order).refund()).isEqualTo(new OrderRefund(paymentId, OrderRefund.Status.REFUNDED));
        assertThat(checkout.events.events()).hasExactlyElementsOfTypes(OrderExpired.class, LateChargeRefundNeeded.class);
        assertThat(checkout.stock.statusOf(order.reservationId())).isNotEqualTo(FakeStockReservations.Status.CONFIRMED);
        assertThat(checkout.stock.onHand("A")).isEqualTo(100);
    }

    @Test
    void a_cancelled_order_records_the_settled_charge_and_it_is_refunded() {
        OrderView order = placed();
        String paymentId = chargedWithoutAnswer(order);
        checkout.canceller.cancel(Checkout.buyer(42), order.id());

        assertThat(settled(order, paymentId)).isEqualTo(Outcome.REFUND_RECORDED);

        assertThat(read(order).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(read(order).refund()).isEqualTo(new OrderRefund(paymentId, OrderRefund.Status.REFUNDED));
    }

    @Test
    void a_charge_the_buyers_retry_already_settled_changes_nothing() {
        OrderView order = placed();
        chargedWithoutAnswer(order);
        OrderView paid = checkout.pay(42, order.id()).order(); // the retry settles the same charge key
        int events = checkout.events.events().size();

        assertThat(settled(order, paid.paymentId())).isEqualTo(Outcome.ALREADY_DONE);

        assertThat(checkout.events.events()).hasSize(events);
        assertThat(read(order).status()).isEqualTo(OrderStatus.PAID);
        assertThat(checkout.payments.refunded()).isEmpty();
    }

    @Test
    void an_unknown_key_another_buyer_or_another_amount_is_not_the_orders_charge() {
        OrderView order = placed();
        String paymentId = chargedWithoutAnswer(order);
        String key = OrderPayer.chargeKey(order.id(), 0);

        assertThat(checkout.settledCharges.settled(42, "k-1", order.id(), paymentId, 15000, "KRW"))
                .isEqualTo(Outcome.NOT_AN_ORDER_CHARGE);
        assertThat(checkout.settledCharges.settled(42, "order:other:0", order.id(), paymentId, 15000, "KRW"))
                .isEqualTo(Outcome.NOT_AN_ORDER_CHARGE);
        assertThat(checkout.settledCharges.settled(7, key, order.id(), paymentId, 15000, "KRW"))
                .isEqualTo(Outcome.NOT_AN_ORDER_CHARGE);
        assertThat(checkout.settledCharges.settled(42, key, order.id(), paymentId, 1, "KRW"))
                .isEqualTo(Outcome.NOT_AN_ORDER_CHARGE);
        assertThat(checkout.settledCharges.settled(42, "order:nope:0", "nope", paymentId, 15000, "KRW"))
                .isEqualTo(Outcome.NOT_AN_ORDER_CHARGE);

        assertThat(read(order).status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(checkout.events.events()).isEmpty();
    }

    @Test
    void a_charge_of_a_declined_attempt_does_not_pay_the_order() {
        OrderView order = placed();
        checkout.orders.claimPayment(order.id(), "p", checkout.clock.instant(),
                checkout.clock.instant().plus(Duration.ofSeconds(45)), order.expiresAt());
        checkout.orders.declined(order.id(), "p"); // attempt 0 declined, the order is on attempt 1

        assertThat(settled(order, "pay-0")).isEqualTo(Outcome.CONFLICT);
        assertThat(read(order).status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(checkout.events.events()).isEmpty();
    }

    @Test
    void charge_keys_parse_back_to_their_order_and_attempt() {
        assertThat(OrderPayer.ChargeKey.parse(OrderPayer.chargeKey("a:b", 3)))
                .contains(new OrderPayer.ChargeKey("a:b", 3));
        assertThat(OrderPayer.ChargeKey.parse("order::1")).isEmpty();
        assertThat(OrderPayer.ChargeKey.parse("order:x:-1")).isEmpty();
        assertThat(OrderPayer.ChargeKey.parse("order:x")).isEmpty();
        assertThat(OrderPayer.ChargeKey.parse("other:x:1")).isEmpty();
    }
}
