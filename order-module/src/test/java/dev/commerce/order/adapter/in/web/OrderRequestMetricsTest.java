package dev.commerce.order.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.order.OrderErrorCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderRequestMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OrderRequestMetrics metrics = new OrderRequestMetrics(registry);

    @Test
    void an_outcome_is_counted_under_its_request() {
        metrics.placed("placed");
        metrics.paid("declined");
        assertThat(registry.get(OrderRequestMetrics.PLACED).tag("outcome", "placed").counter().count()).isEqualTo(1);
        assertThat(registry.get(OrderRequestMetrics.PAYMENTS).tag("outcome", "declined").counter().count()).isEqualTo(1);
        assertThat(registry.get(OrderRequestMetrics.PAYMENTS).tag("outcome", "paid").counter().count()).isZero();
    }

    @Test
    void every_series_exists_at_zero_from_the_start() {
        assertThat(registry.get(OrderRequestMetrics.PLACED).counters())
                .hasSize(OrderRequestMetrics.PLACE_OUTCOMES.size());
        assertThat(registry.get(OrderRequestMetrics.PAYMENTS).counters())
                .hasSize(OrderRequestMetrics.PAY_OUTCOMES.size());
        assertThat(registry.get(OrderRequestMetrics.PLACED).tag("outcome", "insufficient_stock").counter().count())
                .isZero();
    }

    @Test
    void refusals_are_tagged_by_their_code_a_few_shortened() {
        assertThat(OrderRequestMetrics.outcomeOf(OrderErrorCode.INSUFFICIENT_STOCK)).isEqualTo("insufficient_stock");
        assertThat(OrderRequestMetrics.outcomeOf(OrderErrorCode.COUPON_ALREADY_REDEEMED))
                .isEqualTo("coupon_already_redeemed");
        assertThat(OrderRequestMetrics.outcomeOf(OrderErrorCode.PAYMENT_DECLINED)).isEqualTo("declined");
        assertThat(OrderRequestMetrics.outcomeOf(OrderErrorCode.ORDER_NOT_PAYABLE)).isEqualTo("not_payable");
        assertThat(OrderRequestMetrics.outcomeOf(OrderErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS)).isEqualTo("in_progress");
        assertThat(OrderRequestMetrics.outcomeOf(OrderErrorCode.GATEWAY_TIMEOUT)).isEqualTo("gateway_timeout");
        // every code a checkout or a payment can answer is pre-registered
        for (OrderErrorCode code : List.of(OrderErrorCode.INSUFFICIENT_STOCK, OrderErrorCode.COUPON_NOT_HELD,
                OrderErrorCode.COUPON_ALREADY_REDEEMED, OrderErrorCode.PRICE_NOT_SET, OrderErrorCode.PRODUCT_NOT_FOUND,
                OrderErrorCode.LOCK_TIMEOUT, OrderErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS,
                OrderErrorCode.IDEMPOTENCY_KEY_REUSED, OrderErrorCode.IDEMPOTENCY_KEY_MISSING,
                OrderErrorCode.IDEMPOTENCY_KEY_INVALID, OrderErrorCode.INVALID_REQUEST)) {
            assertThat(OrderRequestMetrics.PLACE_OUTCOMES).contains(OrderRequestMetrics.outcomeOf(code));
        }
        for (OrderErrorCode code : List.of(OrderErrorCode.PAYMENT_DECLINED, OrderErrorCode.ORDER_NOT_PAYABLE,
                OrderErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS, OrderErrorCode.GATEWAY_UNAVAILABLE,
                OrderErrorCode.GATEWAY_TIMEOUT, OrderErrorCode.ORDER_NOT_FOUND, OrderErrorCode.IDEMPOTENCY_KEY_MISSING,
                OrderErrorCode.IDEMPOTENCY_KEY_INVALID, OrderErrorCode.IDEMPOTENCY_KEY_REUSED,
                OrderErrorCode.INVALID_REQUEST)) {
            assertThat(OrderRequestMetrics.PAY_OUTCOMES).contains(OrderRequestMetrics.outcomeOf(code));
        }
    }
}
