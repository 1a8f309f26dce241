package dev.commerce.order.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.order.OrderCancelled;
import dev.commerce.order.OrderErrorCode;
import dev.commerce.order.OrderException;
import dev.commerce.order.OrderExpired;
import dev.commerce.order.OrderStatus;
import dev.commerce.order.OrderView;
import dev.commerce.shared.Caller;
import org.junit.jupiter.api.Test;

class OrderCancellerTest {

    private final Checkout checkout = new Checkout();

    OrderCancellerTest() {
        checkout.prices.price("A", 15000, "KRW");
        checkout.stock.stock("A", 10);
        checkout.coupons.issue("WELCOME", 42, 3000);
    }

    @Test
    void cancelling_releases_the_stock_and_the_coupon() {
        OrderView order = checkout.place(42, "WELCOME", "A", 4).order();

        OrderView cancelled = checkout.canceller.cancel(Caller.buyer(42), order.id());

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(checkout.events.events()).singleElement().isInstanceOf(OrderCancelled.class);
        assertThat(checkout.stock.available("A")).isEqualTo(10);
        assertThat(checkout.coupons.redeemedFor("WELCOME", 42)).isNull();
    }

    @Test
    void a_cancelled_order_is_neither_cancellable_nor_payable() {
        OrderView order = checkout.place(42, null, "A", 1).order();
        checkout.canceller.cancel(Caller.buyer(42), order.id());

        assertThatThrownBy(() -> checkout.canceller.cancel(Caller.buyer(42), order.id()))
                .isInstanceOfSatisfying(OrderException.class,
                        e -> assertThat(e.code()).isEqualTo(OrderErrorCode.ORDER_NOT_CANCELLABLE));
        assertThatThrownBy(() -> checkout.pay(42, order.id())).isInstanceOfSatisfying(OrderException.class,
                e -> assertThat(e.code()).isEqualTo(OrderErrorCode.ORDER_NOT_PAYABLE));
        assertThat(checkout.payments.charges()).isEmpty();
    }

    @Test
    void another_buyer_cannot_cancel_but_an_administrator_can() {
        OrderView order = checkout.place(42, null, "A", 1).order();

        assertThatThrownBy(() -> checkout.canceller.cancel(Caller.buyer(43), order.id()))
                .isInstanceOfSatisfying(OrderException.class,
                        e -> assertThat(e.code()).isEqualTo(OrderErrorCode.ORDER_NOT_FOUND));
        assertThat(checkout.canceller.cancel(Caller.administrator(1), order.id()).status())
                .isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void a_repeated_event_releases_nothing_twice() {
        OrderView order = checkout.place(42, "WELCOME", "A", 4).order();
        checkout.canceller.cancel(Caller.buyer(42), order.id());
        checkout.place(42, "WELCOME", "A", 2);

        checkout.followUp.on((OrderCancelled) checkout.events.events().get(0));

        assertThat(checkout.stock.available("A")).isEqualTo(8);
        assertThat(checkout.coupons.redeemedFor("WELCOME", 42)).isNotNull();
    }

    @Test
    void overdue_orders_expire_releasing_stock_and_coupon_and_paid_ones_stay() {
        OrderView open = checkout.place(42, "WELCOME", "A", 3).order();
        OrderView paid = checkout.place(43, null, "A", 2).order();
        checkout.pay(43, paid.id());

        assertThat(checkout.expirer.expireOverdue(checkout.clock.instant(), 10)).isZero();
        checkout.clock.set(open.expiresAt());
        assertThat(checkout.expirer.expireOverdue(checkout.clock.instant(), 10)).isEqualTo(1);

        assertThat(checkout.reader.getOrder(Caller.buyer(42), open.id()).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(checkout.reader.getOrder(Caller.buyer(43), paid.id()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(checkout.events.events()).filteredOn(OrderExpired.class::isInstance).hasSize(1);
        assertThat(checkout.stock.available("A")).isEqualTo(8);
        assertThat(checkout.coupons.redeemedFor("WELCOME", 42)).isNull();
        assertThat(checkout.expirer.expireOverdue(checkout.clock.instant(), 10)).isZero();
    }
}
