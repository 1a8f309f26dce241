package dev.commerce.fullstack.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.FullStackTest;
import dev.commerce.payment.adapter.out.gateway.HttpPaymentGateway;
import dev.commerce.payment.adapter.out.gateway.simulator.GatewaySimulator;
import dev.commerce.payment.application.port.GatewayCharge;
import dev.commerce.payment.application.port.GatewayChargeRequest;
import dev.commerce.payment.application.port.GatewayRefund;
import dev.commerce.payment.application.port.GatewayRefundRequest;
import dev.commerce.payment.application.port.GatewayRefusedException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator's refunds over HTTP through the HTTP adapter: once per key, never more than the charge. */
class GatewaySimulatorRefundIT extends FullStackTest {

    @Autowired
    GatewaySimulator simulator;

    private HttpPaymentGateway gateway() {
        return new HttpPaymentGateway(simulator.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    private GatewayCharge charge(long amount) {
        return gateway().charge(new GatewayChargeRequest("sim-refund-" + UUID.randomUUID(), "o-" + UUID.randomUUID(),
                amount, "KRW"));
    }

    @Test
    void a_refund_is_made_once_per_key_and_can_be_looked_up() {
        GatewayCharge charge = charge(15_000);
        String key = "refund-" + UUID.randomUUID();

        GatewayRefund first = gateway().refund(new GatewayRefundRequest(key, charge.transactionId(), 15_000, "KRW"));
        GatewayRefund again = gateway().refund(new GatewayRefundRequest(key, charge.transactionId(), 15_000, "KRW"));

        assertThat(first.transactionId()).isEqualTo(charge.transactionId());
        assertThat(first.amount()).isEqualTo(15_000);
        assertThat(again).isEqualTo(first);
        assertThat(gateway().findRefundByKey(key)).contains(first);
        assertThat(gateway().findRefundByKey("refund-" + UUID.randomUUID())).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) || ' ' || sum(request_count) FROM gateway_simulator.refund"
                + " WHERE transaction_id = ?", String.class, charge.transactionId())).isEqualTo("1 2");
    }

    @Test
    void more_than_is_left_of_the_charge_is_refused() {
        GatewayCharge charge = charge(10_000);
        gateway().refund(new GatewayRefundRequest("refund-" + UUID.randomUUID(), charge.transactionId(), 6_000, "KRW"));

        assertThatThrownBy(() -> gateway().refund(new GatewayRefundRequest("refund-" + UUID.randomUUID(),
                charge.transactionId(), 4_001, "KRW"))).isInstanceOf(GatewayRefusedException.class);
        assertThatThrownBy(() -> gateway().refund(new GatewayRefundRequest("refund-" + UUID.randomUUID(),
                charge(1_000).transactionId(), 1_001, "KRW"))).isInstanceOf(GatewayRefusedException.class);
        assertThat(gateway().refund(new GatewayRefundRequest("refund-" + UUID.randomUUID(), charge.transactionId(),
                4_000, "KRW")).amount()).isEqualTo(4_000);
    }

    @Test
    void an_unknown_or_declined_charge_is_not_refunded() {
        GatewayCharge declined = charge(GatewaySimulator.DECLINE_ABOVE + 1);
        assertThat(declined.approved()).isFalse();

        assertThatThrownBy(() -> gateway().refund(new GatewayRefundRequest("refund-" + UUID.randomUUID(),
                "txn_unknown", 1, "KRW"))).isInstanceOf(GatewayRefusedException.class).hasMessageContaining("404");
        assertThatThrownBy(() -> gateway().refund(new GatewayRefundRequest("refund-" + UUID.randomUUID(),
                declined.transactionId(), 1, "KRW"))).isInstanceOf(GatewayRefusedException.class)
                .hasMessageContaining("422");
    }
}
